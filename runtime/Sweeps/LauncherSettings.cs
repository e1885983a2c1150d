namespace DslRunner.Sweeps;

public enum LauncherKind
{
    /// <summary>Points run on this machine: in the sweep's own process, or as child processes with <c>--jobs</c>.</summary>
    Local,
    /// <summary>Points run as one Slurm job array.</summary>
    Slurm,
}

/// <summary>Where and how a plan's points run; part of the sweep's identity (the job count is not: it changes no result).</summary>
/// <param name="Jobs">Points run at once as separate processes; 0 runs them one after another in the sweep's own process.</param>
public sealed record LauncherSettings(
    LauncherKind Kind,
    int Jobs = 0,
    string? Partition = null,
    string? Time = null,
    int? CpusPerTask = null,
    string? Memory = null)
{
    public static LauncherSettings InProcess { get; } = new(LauncherKind.Local);

    /// <summary>The settings that make two sweeps different sweeps.</summary>
    public string Identity => Kind == LauncherKind.Local
        ? "local"
        : $"slurm partition={Partition} time={Time} cpus-per-task={CpusPerTask} mem={Memory}";
}
