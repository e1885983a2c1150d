using System.Runtime.InteropServices;

namespace DslRunner.Native;

/// <summary>This machine's CPU model and feature flags, from /proc/cpuinfo (the architecture's name and no flags elsewhere).</summary>
public static class CpuInfo
{
    static readonly Lazy<(string Model, IReadOnlySet<string> Flags)> Read = new(ReadCpuInfo);

    public static string Model => Read.Value.Model;

    public static IReadOnlySet<string> Flags => Read.Value.Flags;

    static (string, IReadOnlySet<string>) ReadCpuInfo()
    {
        const string cpuinfo = "/proc/cpuinfo";
        string? model = null;
        HashSet<string>? flags = null;
        if (File.Exists(cpuinfo))
        {
            foreach (string line in File.ReadLines(cpuinfo))
            {
                int colon = line.IndexOf(':');
                if (colon < 0) continue;
                string key = line[..colon].Trim();
                if (model is null && key == "model name") model = line[(colon + 1)..].Trim();
                if (flags is null && key == "flags") flags = [.. line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
                if (model is not null && flags is not null) break;
            }
        }
        return (model ?? RuntimeInformation.ProcessArchitecture.ToString(), flags ?? []);
    }
}
