using System.Diagnostics;
using DslRunner.Config;

namespace DslRunner.Native;

/// <summary>
/// The environment settings that decide which kernels libtorch's math libraries run, and the values portable mode pins
/// them to. The libraries read them when libtorch loads or first computes, so they must be in the process's native
/// environment before that: a process that will train in another mode (a sweep point, a Slurm task, a test) is started
/// with <see cref="ChildEnvironment"/> applied, and <see cref="TorchRuntime"/> applies them to its own process only
/// while libtorch is not yet loaded.
/// </summary>
public static class NumericPins
{
    /// <summary>Asks every DslRunner process that inherits it for a mode: <c>portable</c> or <c>default</c>.</summary>
    public const string ModeVariable = "DSLRUNNER_REPRODUCIBILITY";

    /// <summary>MKL's code path (conditional numerical reproducibility): AVX2 exists on every x86-64 CPU since 2013/2015.</summary>
    public const string MklCbwr = "MKL_CBWR";
    /// <summary>The highest ISA oneDNN's JIT may use (DNNL_MAX_CPU_ISA is the older spelling, read by older builds).</summary>
    public const string OneDnnMaxCpuIsa = "ONEDNN_MAX_CPU_ISA";
    public const string DnnlMaxCpuIsa = "DNNL_MAX_CPU_ISA";
    /// <summary>Which of ATen's vectorised kernel builds (default, avx2, avx512) its dispatcher picks.</summary>
    public const string AtenCpuCapability = "ATEN_CPU_CAPABILITY";

    /// <summary>Every variable that changes a run's numbers, in the order the manifest lists them.</summary>
    public static readonly IReadOnlyList<string> Variables = [MklCbwr, OneDnnMaxCpuIsa, DnnlMaxCpuIsa, AtenCpuCapability];

    /// <summary>Portable mode's values: the AVX2 level of every library.</summary>
    public static readonly IReadOnlyDictionary<string, string> Portable = new Dictionary<string, string>
    {
        [MklCbwr] = "AVX2",
        [OneDnnMaxCpuIsa] = "AVX2",
        [DnnlMaxCpuIsa] = "AVX2",
        [AtenCpuCapability] = "avx2",
    };

    /// <summary>The mode this process was asked for through <see cref="ModeVariable"/> (default when unset).</summary>
    /// <exception cref="InvalidOperationException">The variable holds something else.</exception>
    public static Reproducibility Requested() => Parse(Environment.GetEnvironmentVariable(ModeVariable));

    public static Reproducibility Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "default" => Reproducibility.Default,
        "portable" => Reproducibility.Portable,
        _ => throw new InvalidOperationException($"{ModeVariable}='{value}' is not a reproducibility mode; use default or portable"),
    };

    public static string Name(Reproducibility mode) => mode == Reproducibility.Portable ? "portable" : "default";

    /// <summary>
    /// What a child process that should train in <paramref name="mode"/> needs in its environment; a null value means
    /// "remove the variable" (a default-mode child of a portable process must not inherit the pins).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ChildEnvironment(Reproducibility mode)
    {
        var variables = new SortedDictionary<string, string?>(StringComparer.Ordinal) { [ModeVariable] = Name(mode) };
        foreach (string name in Variables)
            variables[name] = mode == Reproducibility.Portable ? Portable[name] : InheritedDefault(name);
        return variables;
    }

    /// <summary>Sets <see cref="ChildEnvironment"/> on a process about to be started.</summary>
    public static void ApplyTo(ProcessStartInfo start, Reproducibility mode)
    {
        foreach (var (name, value) in ChildEnvironment(mode))
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
    }

    /// <summary><see cref="ChildEnvironment"/> as POSIX shell lines (<c>export NAME=value</c>, <c>unset NAME</c>) for job scripts.</summary>
    public static string ShellLines(Reproducibility mode) => string.Concat(ChildEnvironment(mode).Select(variable =>
        variable.Value is null ? $"unset {variable.Key}\n" : $"export {variable.Key}={variable.Value}\n"));

    /// <summary>
    /// A default-mode child keeps a setting the user chose, but not one that portable mode put into this process.
    /// </summary>
    static string? InheritedDefault(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return TorchRuntime.Mode == Reproducibility.Portable && value == Portable[name] ? null : value;
    }
}
