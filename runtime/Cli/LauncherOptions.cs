using System.CommandLine;
using DslRunner.Sweeps;

namespace DslRunner.Cli;

/// <summary>Where a sweep's or a study's runs go: <c>--jobs</c> on this machine, or <c>--launcher slurm</c> and its options.</summary>
public sealed class LauncherOptions
{
    public Option<int?> Jobs { get; } = new("--jobs") { Description = "Run N runs at once, each in its own process (default: one after another in this process)." };
    public Option<string> Launcher { get; } = new("--launcher") { Description = "Where runs go: local (this machine) or slurm (one job array).", DefaultValueFactory = _ => "local" };
    public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm: the partition to submit to." };
    public Option<string?> Time { get; } = new("--time") { Description = "Slurm: each task's time limit, e.g. 00:30:00." };
    public Option<int?> Cpus { get; } = new("--cpus-per-task") { Description = "Slurm: CPUs per task (default: the runs' largest thread count)." };
    public Option<string?> Memory { get; } = new("--mem") { Description = "Slurm: memory per task, e.g. 4G." };
    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "Slurm: at most N tasks of the array run at once (--array=…%N)." };
    public Option<int?> MaxRequeues { get; } = new("--max-requeues")
    {
        Description = $"Slurm: how often a task may requeue itself after the warning signal (default {LauncherSettings.DefaultMaxRequeues}); past it the run stays interrupted, resumable by running the command again.",
    };
    public Option<int?> WarnSeconds { get; } = new("--warn-seconds")
    {
        Description = $"Slurm: seconds before a task's time limit that it is told to checkpoint and requeue itself (--signal=B:USR1@N; default {LauncherSettings.DefaultWarnSeconds}).",
    };
    public Option<bool> Emit { get; } = new("--emit") { Description = "Slurm: write the sbatch script, for review, and submit nothing." };
    public Option<bool> Wait { get; } = new("--wait") { Description = "Slurm: wait until the array's tasks end (through requeues), then go on as a local run would." };

    Option[] SlurmOnly => [Partition, Time, Cpus, Memory, MaxParallel, MaxRequeues, WarnSeconds, Emit, Wait];

    public void AddTo(Command command)
    {
        command.Options.Add(Jobs);
        command.Options.Add(Launcher);
        foreach (var option in SlurmOnly) command.Options.Add(option);
    }

    /// <summary>The launcher the command line asks for, checked.</summary>
    /// <exception cref="UsageException">An unknown launcher, an option of the other launcher, or a count below its least.</exception>
    public LauncherSettings Read(ParseResult parse)
    {
        int? jobs = parse.GetValue(Jobs);
        if (jobs is < 1) throw new UsageException("--jobs expects a number of processes of 1 or more");
        string kind = parse.GetValue(Launcher)!;
        if (kind == "local")
        {
            if (SlurmOnly.FirstOrDefault(option => parse.GetResult(option) is { Implicit: false }) is { } given)
                throw new UsageException($"{given.Name} applies to --launcher slurm only");
            return new LauncherSettings(LauncherKind.Local, jobs ?? 0);
        }
        if (kind != "slurm") throw new UsageException($"--launcher expects local or slurm; found '{kind}'");
        if (jobs is not null) throw new UsageException("--jobs applies to --launcher local; Slurm decides how many tasks run at once (see --max-parallel)");
        if (parse.GetValue(Cpus) is < 1) throw new UsageException("--cpus-per-task expects 1 or more");
        if (parse.GetValue(MaxParallel) is < 1) throw new UsageException("--max-parallel expects 1 or more");
        if (parse.GetValue(MaxRequeues) is < 0) throw new UsageException("--max-requeues expects 0 or more");
        if (parse.GetValue(WarnSeconds) is < 1) throw new UsageException("--warn-seconds expects 1 or more");
        if (parse.GetValue(Time) is { } time)
        {
            var limit = SlurmTime.Parse(time)
                ?? throw new UsageException($"--time expects a Slurm time limit (minutes, mm:ss, hh:mm:ss, d-hh, d-hh:mm or d-hh:mm:ss); found '{time}'");
            int warn = parse.GetValue(WarnSeconds) ?? LauncherSettings.DefaultWarnSeconds;
            // A warning at or before the task's start would stop every task as soon as it starts.
            if (warn >= limit.TotalSeconds)
                throw new UsageException($"--warn-seconds {warn} is not shorter than --time {time} ({limit.TotalSeconds:F0} s): the task would be told to stop as it starts; give a shorter --warn-seconds");
        }
        return new LauncherSettings(LauncherKind.Slurm, 0, parse.GetValue(Partition), parse.GetValue(Time), parse.GetValue(Cpus), parse.GetValue(Memory))
        {
            MaxParallel = parse.GetValue(MaxParallel),
            MaxRequeues = parse.GetValue(MaxRequeues) ?? LauncherSettings.DefaultMaxRequeues,
            WarnSeconds = parse.GetValue(WarnSeconds) ?? LauncherSettings.DefaultWarnSeconds,
        };
    }
}
