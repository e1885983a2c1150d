namespace DslRunner.Sweeps;

public enum LauncherKind
{
    /// <summary>Points run on this machine: in the sweep's own process, or as child processes with <c>--jobs</c>.</summary>
    Local,
    /// <summary>Points run as one Slurm job array.</summary>
    Slurm,
}

/// <summary>
/// Where and how a plan's points run; part of the sweep's identity (the job count, the Slurm throttle, the requeue
/// limit and the warning time are not: they change no result).
/// </summary>
/// <param name="Jobs">Points run at once as separate processes; 0 runs them one after another in the sweep's own process.</param>
public sealed record LauncherSettings(
    LauncherKind Kind,
    int Jobs = 0,
    string? Partition = null,
    string? Time = null,
    int? CpusPerTask = null,
    string? Memory = null)
{
    public const int DefaultMaxRequeues = 3;
    public const int DefaultWarnSeconds = 120;

    public static LauncherSettings InProcess { get; } = new(LauncherKind.Local);

    /// <summary>Slurm: at most this many of the array's tasks run at once (<c>--array=…%N</c>); null for no limit.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>Slurm: how often a task may requeue itself after the warning signal before it stays interrupted.</summary>
    public int MaxRequeues { get; init; } = DefaultMaxRequeues;

    /// <summary>Slurm: seconds before a task's time limit that Slurm sends the warning signal (USR1) to its batch script.</summary>
    public int WarnSeconds { get; init; } = DefaultWarnSeconds;

    /// <summary>The settings that make two sweeps different sweeps.</summary>
    public string Identity => Kind == LauncherKind.Local
        ? "local"
        : $"slurm partition={Partition} time={Time} cpus-per-task={CpusPerTask} mem={Memory}";
}
