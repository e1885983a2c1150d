using System.CommandLine;
using DslRunner.Config;

namespace DslRunner.Cli;

/// <summary>Options shared by several commands.</summary>
public static class CliOptions
{
    /// <summary>The run a command works on, as <see cref="RunLocator"/> finds it.</summary>
    public static Argument<string> Run() => new("run") { Description = "Run folder, experiment/run-id, or experiment (its latest run)." };

    public static Option<string> RunsRoot() => new("--runs")
    {
        Description = "Folder that holds the run folders.",
        DefaultValueFactory = _ => "runs",
    };

    public static Option<bool> Portable() => new("--portable")
    {
        Description = "Portable numerics: math kernels pinned to AVX2 and deterministic algorithms, so the run regenerates bit for bit on the same CPU model " +
                      "(as train.reproducibility: portable; slower).",
    };

    public static Reproducibility Mode(bool portable) => portable ? Reproducibility.Portable : Reproducibility.Default;
}
