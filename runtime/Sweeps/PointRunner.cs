using DslRunner.Runs;
using DslRunner.Training;

namespace DslRunner.Sweeps;

/// <summary>How running one point ended.</summary>
public enum PointOutcome { Finished, AlreadyFinished, RunningElsewhere }

/// <summary>
/// Runs one point of a plan, wherever a launcher put it (this process, a child process, a Slurm task): a finished
/// point is kept, an interrupted one continues from its checkpoint (exactly, as <c>resume</c> does), a missing one
/// starts; a point that another live process holds is left alone.
/// </summary>
public static class PointRunner
{
    /// <exception cref="InvalidOperationException">The point's declaration no longer resolves to the planned config.</exception>
    public static PointOutcome Run(SweepFolder sweep, SweepPoint point, IReadOnlyList<IExperiment> registry, IRunProgress progress)
    {
        var (pointLock, holder) = PointLock.TryAcquire(sweep.LockPath(point));
        if (pointLock is null)
        {
            progress.Message($"{point.Label}: running in {(holder is null ? "another process" : $"pid {holder.Pid} on {holder.Host}")}; left alone");
            return PointOutcome.RunningElsewhere;
        }
        using (pointLock)
        {
            try
            {
                var outcome = RunLocked(sweep, point, registry, progress);
                sweep.ClearError(point);
                return outcome;
            }
            catch (Exception e) when (e is not OutOfMemoryException and not TrainingInterruptedException)
            {
                sweep.RecordError(point, e.Message);
                throw;
            }
        }
    }

    static PointOutcome RunLocked(SweepFolder sweep, SweepPoint point, IReadOnlyList<IExperiment> registry, IRunProgress progress)
    {
        var experiment = SweepPlanner.Resolve(point, registry);
        if (!RunManifest.IsHashOf(point.ConfigHash, experiment.Config))
            throw new InvalidOperationException(
                $"{point.Label}: the declaration has changed since the sweep was planned; run the sweep command again to see what changed");
        string folder = sweep.EnsureRunFolder(point);
        if (!File.Exists(Path.Combine(folder, RunManifest.FileName)))
        {
            progress.Message($"{point.Label}: starting in {folder}");
            ExperimentRunner.RunInto(experiment, folder, progress, point.Variant, point.Overrides, point.Mode);
            return PointOutcome.Finished;
        }
        var manifest = RunManifest.Read(folder);
        if (manifest.Status == "finished") return PointOutcome.AlreadyFinished;
        string checkpoint = Path.Combine(folder, TrainingCheckpoint.FileName);
        progress.Message(File.Exists(checkpoint)
            ? $"{point.Label}: resuming {folder} from step {TrainingCheckpoint.ReadStep(checkpoint)}"
            : $"{point.Label}: restarting {folder} (no checkpoint yet)");
        ExperimentRunner.Resume(experiment, folder, progress);
        return PointOutcome.Finished;
    }
}
