using DslRunner.Runs;

namespace DslRunner.Sweeps;

public enum PointPhase { Planned, Running, Finished, Failed }

/// <summary>Where one point stands, read from its run folder, its lock and its recorded error.</summary>
/// <param name="Folder">The point's run folder, once started.</param>
/// <param name="Detail">For a running point its holder, for a failed one its error.</param>
public sealed record PointState(SweepPoint Point, PointPhase Phase, string? Folder, string? Detail, string? Log)
{
    /// <param name="task">The point's newest Slurm task, for a sweep launched on Slurm.</param>
    public static PointState Read(SweepFolder sweep, SweepPoint point, SlurmTask? task = null)
    {
        string? folder = sweep.RunFolderOf(point);
        string? log = task is not null ? SlurmSubmissions.LogPath(sweep, task) : File.Exists(sweep.LogPath(point)) ? sweep.LogPath(point) : null;
        RunManifest? manifest = null;
        if (folder is not null && File.Exists(Path.Combine(folder, RunManifest.FileName)))
        {
            try { manifest = RunManifest.Read(folder); }
            catch (InvalidDataException) { }
        }
        if (manifest is { Status: "finished" }) return new(point, PointPhase.Finished, folder, null, log);
        if (task is { Active: true })
            return new(point, PointPhase.Running, folder, $"slurm task {task.JobId}_{task.Index} {task.State.ToLowerInvariant()}", log);
        if (File.Exists(sweep.LockPath(point)) && PointLock.Read(sweep.LockPath(point)) is { IsAlive: true } holder)
            return new(point, PointPhase.Running, folder, $"pid {holder.Pid} on {holder.Host}", log);
        string? slurmEnd = task?.Ending;
        if (manifest is { Status: RunManifest.Interrupted })
            return new(point, PointPhase.Planned, folder, string.Join("; ", new[]
            {
                $"interrupted by {manifest.Interruptions.LastOrDefault() ?? "a signal"}; continues from its checkpoint", slurmEnd,
            }.OfType<string>()), log);
        if (File.Exists(sweep.ErrorPath(point)))
            return new(point, PointPhase.Failed, folder, string.Join("; ", new[] { File.ReadAllText(sweep.ErrorPath(point)).Trim(), slurmEnd }.OfType<string>()), log);
        if (task is not null) return new(point, PointPhase.Failed, folder, slurmEnd, log);
        if (manifest is not null)
            return new(point, manifest.Status == "failed" ? PointPhase.Failed : PointPhase.Planned, folder, manifest.Status switch
            {
                "running" => "stopped; continues from its checkpoint",
                _ => "failed",
            }, log);
        return new(point, PointPhase.Planned, folder, null, log);
    }

    /// <summary>Every point's state; for a sweep submitted to Slurm, with what Slurm reports of its tasks.</summary>
    public static IReadOnlyList<PointState> ReadAll(SweepFolder sweep, SweepPlan plan)
    {
        var tasks = SlurmSubmissions.LatestTasks(sweep);
        return [.. plan.Points.Select(p => Read(sweep, p, tasks.GetValueOrDefault(p.Index)))];
    }
}
