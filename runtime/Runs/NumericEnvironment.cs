using DslRunner.Config;
using DslRunner.Native;
using TorchSharp;

namespace DslRunner.Runs;

/// <summary>
/// Everything below the experiment that decides a run's numbers: the CPU and its vector extensions, the kernels
/// libtorch's math libraries chose (as libtorch itself reports them), their versions and dispatch settings, the thread
/// count, and whether the run was portable.
/// </summary>
/// <param name="Mode">"default" or "portable".</param>
/// <param name="CpuFeatures">The vector extensions of <see cref="Cpu"/> that kernels dispatch on (subset of <see cref="TrackedFeatures"/>).</param>
/// <param name="AtenCapability">The kernel level ATen's dispatcher uses in the process that trained (DEFAULT, AVX2, AVX512…).</param>
/// <param name="Settings">The dispatch variables (<see cref="NumericPins.Variables"/>) as native code saw them; absent when unset.</param>
/// <param name="DeterministicAlgorithms">libtorch's deterministic-algorithms switch.</param>
public sealed record NumericEnvironment(
    string Mode,
    string Cpu,
    IReadOnlyList<string> CpuFeatures,
    string AtenCapability,
    string MklVersion,
    string OneDnnVersion,
    string LibTorch,
    int Threads,
    IReadOnlyDictionary<string, string> Settings,
    bool DeterministicAlgorithms)
{
    /// <summary>The /proc/cpuinfo flags that select kernels in MKL, oneDNN or ATen.</summary>
    public static IReadOnlyList<string> TrackedFeatures => CpuInfo.TrackedFeatures;

    /// <summary>What portable mode needs of a CPU.</summary>
    public static readonly IReadOnlyList<string> PortableFeatures = ["avx2", "fma"];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Portable => Mode == NumericPins.Name(Reproducibility.Portable);

    /// <summary>
    /// What has been shown of portable mode, as the manifest of a portable run records it: bit-identical re-runs on one
    /// CPU model; across CPU models not (between AMD EPYC and Intel Xeon the last bits differ: tests/Native/Fingerprints).
    /// </summary>
    public const string PortableScope =
        "bit-identical re-runs on the same CPU model; not across CPU models (AMD EPYC and Intel Xeon differ in the last bits)";

    /// <summary>How OpenMP's threads waited (<see cref="ThreadWaitPolicy"/>): speed only, never the bits, so not compared by rerun.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ThreadWait { get; init; }

    /// <summary>For a portable run, <see cref="PortableScope"/> as it stood when the run was made; null otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Verified { get; init; }

    /// <summary>The environment of this process (libtorch loaded) for a run on <paramref name="threads"/> threads.</summary>
    public static NumericEnvironment Current(int threads)
    {
        TorchRuntime.EnsureLoaded();
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in NumericPins.Variables)
            if (NativeEnvironment.Get(name) is { } value) settings[name] = value;
        return new NumericEnvironment(
            NumericPins.Name(TorchRuntime.Mode), CpuInfo.Model, [.. TrackedFeatures.Where(CpuInfo.Flags.Contains)],
            LibTorchNative.CpuCapability() ?? "unknown", LibTorchNative.MklVersion() ?? "unknown",
            LibTorchNative.OneDnnVersion() ?? "unknown", torch.__version__, threads, settings,
            LibTorchNative.DeterministicAlgorithms() ?? false)
        {
            Verified = TorchRuntime.Mode == Reproducibility.Portable ? PortableScope : null,
            ThreadWait = ThreadWaitPolicy.Current(),
        };
    }

    /// <summary>The fields that differ from <paramref name="here"/>: name, recorded value, value here.</summary>
    public IReadOnlyList<(string Field, string Recorded, string Here)> Differences(NumericEnvironment here)
    {
        var differences = new List<(string, string, string)>();
        void Compare(string field, string recorded, string current)
        {
            if (recorded != current) differences.Add((field, recorded, current));
        }
        Compare("mode", Mode, here.Mode);
        Compare("cpu", Cpu, here.Cpu);
        Compare("cpu_features", string.Join(' ', CpuFeatures), string.Join(' ', here.CpuFeatures));
        Compare("aten_capability", AtenCapability, here.AtenCapability);
        Compare("mkl_version", MklVersion, here.MklVersion);
        Compare("onednn_version", OneDnnVersion, here.OneDnnVersion);
        Compare("libtorch", LibTorch, here.LibTorch);
        Compare("threads", Threads.ToString(System.Globalization.CultureInfo.InvariantCulture), here.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string name in Settings.Keys.Union(here.Settings.Keys).Order(StringComparer.Ordinal))
            Compare(name, Settings.GetValueOrDefault(name) ?? "(unset)", here.Settings.GetValueOrDefault(name) ?? "(unset)");
        Compare("deterministic_algorithms", DeterministicAlgorithms ? "on" : "off", here.DeterministicAlgorithms ? "on" : "off");
        return differences;
    }

    /// <summary>
    /// Whether a run recorded in this environment should regenerate bit for bit in <paramref name="here"/>, and why.
    /// Either mode needs everything equal, the CPU included: portable mode has been shown to regenerate bit for bit on
    /// the same CPU model only (<see cref="PortableScope"/>).
    /// </summary>
    public (bool Expected, string Reason) ExpectsIdentityWith(NumericEnvironment here)
    {
        var differences = Differences(here);
        if (differences.Count == 0) return (true, "the numeric environment is the same");
        if (Portable && here.Portable)
        {
            var blocking = differences.Where(d => d.Field is not ("cpu" or "cpu_features")).Select(d => d.Field).ToList();
            var missing = PortableFeatures.Where(f => !here.CpuFeatures.Contains(f)).ToList();
            if (missing.Count > 0) return (false, $"this CPU lacks {string.Join(", ", missing)}, which portable mode needs");
            return blocking.Count == 0
                ? (false, "both runs are portable with the same libraries and pins on another CPU model; portable mode gives " +
                          "bit-identical re-runs on the same CPU model only (AMD EPYC and Intel Xeon differ in the last bits)")
                : (false, $"both runs are portable, but these differ: {string.Join(", ", blocking)}");
        }
        return (false, Portable || here.Portable
            ? "one run is portable and the other is not"
            : $"default mode lets the math libraries pick kernels per CPU, and these differ: {string.Join(", ", differences.Select(d => d.Field))}");
    }
}
