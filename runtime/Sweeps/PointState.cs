using DslRunner.Runs;

namespace DslRunner.Sweeps;

public enum PointPhase { Planned, Running, Finished, Failed }

/// <summary>Where one point stands, read from its run folder, its lock and its recorded error.</summary>
/// <param name="Folder">The point's run folder, once started.</param>
/// <param name="Detail">For a running point its holder, for a failed one its error.</param>
public sealed record PointState(SweepPoint Point, PointPhase Phase, string? Folder, string? Detail, string? Log)
{
    public static PointState Read(SweepFolder sweep, SweepPoint point)
    {
        string? folder = sweep.RunFolderOf(point);
        string? log = File.Exists(sweep.LogPath(point)) ? sweep.LogPath(point) : null;
        RunManifest? manifest = null;
        if (folder is not null && File.Exists(Path.Combine(folder, RunManifest.FileName)))
        {
            try { manifest = RunManifest.Read(folder); }
            catch (InvalidDataException) { }
        }
        if (manifest is { Status: "finished" }) return new(point, PointPhase.Finished, folder, null, log);
        if (File.Exists(sweep.LockPath(point)) && PointLock.Read(sweep.LockPath(point)) is { IsAlive: true } holder)
            return new(point, PointPhase.Running, folder, $"pid {holder.Pid} on {holder.Host}", log);
        if (File.Exists(sweep.ErrorPath(point)))
            return new(point, PointPhase.Failed, folder, File.ReadAllText(sweep.ErrorPath(point)).Trim(), log);
        if (manifest is not null)
            return new(point, manifest.Status == "failed" ? PointPhase.Failed : PointPhase.Planned, folder,
                manifest.Status == "running" ? "interrupted; continues from its checkpoint" : "failed", log);
        return new(point, PointPhase.Planned, folder, null, log);
    }

    public static IReadOnlyList<PointState> ReadAll(SweepFolder sweep, SweepPlan plan) => [.. plan.Points.Select(p => Read(sweep, p))];
}
