using System.Runtime.InteropServices;

namespace DslRunner.Native;

/// <summary>
/// This machine's CPU vendor, model, cache size and feature flags, from /proc/cpuinfo (the architecture's name and no
/// flags elsewhere).
/// </summary>
public static class CpuInfo
{
    static readonly Lazy<(string Vendor, string Model, string Cache, IReadOnlySet<string> Flags)> Read = new(ReadCpuInfo);

    public static string Model => Read.Value.Model;

    /// <summary>vendor_id: GenuineIntel, AuthenticAMD… ("unknown" where /proc/cpuinfo does not say).</summary>
    public static string Vendor => Read.Value.Vendor;

    public static IReadOnlySet<string> Flags => Read.Value.Flags;

    /// <summary>The /proc/cpuinfo flags that select kernels in MKL, oneDNN or ATen.</summary>
    public static readonly IReadOnlyList<string> TrackedFeatures =
    [
        "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_vnni", "avx512_bf16",
        "avx512_fp16", "avx_vnni", "amx_tile", "amx_bf16", "amx_int8",
    ];

    /// <summary>
    /// What kernel dispatch can depend on, in one line: vendor, model, the cache size the kernel reports (blocking can
    /// depend on it) and the vector extensions numeric environments track.
    /// </summary>
    public static string Identity =>
        $"{Vendor}; {Model}; cache {Read.Value.Cache}; {string.Join(' ', TrackedFeatures.Where(Flags.Contains))}";

    static (string, string, string, IReadOnlySet<string>) ReadCpuInfo()
    {
        const string cpuinfo = "/proc/cpuinfo";
        string? vendor = null, model = null, cache = null;
        HashSet<string>? flags = null;
        if (File.Exists(cpuinfo))
        {
            foreach (string line in File.ReadLines(cpuinfo))
            {
                int colon = line.IndexOf(':');
                if (colon < 0) continue;
                string key = line[..colon].Trim();
                string value = line[(colon + 1)..].Trim();
                if (vendor is null && key == "vendor_id") vendor = value;
                if (model is null && key == "model name") model = value;
                if (cache is null && key == "cache size") cache = value;
                if (flags is null && key == "flags") flags = [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
                if (vendor is not null && model is not null && cache is not null && flags is not null) break;
            }
        }
        return (vendor ?? "unknown", model ?? RuntimeInformation.ProcessArchitecture.ToString(), cache ?? "unknown", flags ?? []);
    }
}
