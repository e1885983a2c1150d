using System.Diagnostics;
using DslRunner.Runs;
using TorchSharp;
using DslRunner.Training;

namespace DslRunner.Sweeps;

/// <summary>
/// Runs points one after another in this process. Each point runs inside its own dispose scope, so whatever tensor
/// a run leaves undisposed is freed when the point ends and live tensors do not grow from point to point. A point
/// whose numeric mode this process cannot compute in (libtorch is loaded in the other mode) runs as a child process.
/// </summary>
/// <param name="withProgress">Runs a point's body with a progress display.</param>
/// <param name="child">How to start this program for a point in the other numeric mode; without it such a point fails.</param>
public sealed class InProcessLauncher(
    IReadOnlyList<IExperiment> registry, TextWriter output, Func<Func<IRunProgress, PointOutcome>, PointOutcome> withProgress,
    ChildCommand? child = null) : ISweepLauncher
{
    /// <summary>Called after each point with the live tensor count on this thread (what the memory tests watch).</summary>
    public Action<SweepPoint, long>? AfterPoint { get; init; }

    public IReadOnlyList<PointLaunch> Launch(SweepFolder sweep, IReadOnlyList<SweepPoint> points)
    {
        var launches = new List<PointLaunch>();
        var progress = new SweepProgress(points);
        foreach (var point in points)
        {
            // A stop signal ends the sweep after the point it interrupted; the rest stay planned.
            if (StopSignals.Requested is not null) break;
            if (child is not null && !Native.TorchRuntime.CanRun(point.Mode))
            {
                output.WriteLine($"== {progress.Started(point)}: {Native.NumericPins.Name(point.Mode)} numerics, and this process computes in " +
                                 $"{Native.NumericPins.Name(Native.TorchRuntime.Mode)}: running it in a child process");
                launches.AddRange(new LocalProcessLauncher(1, child, output).Launch(sweep, [point]));
                output.WriteLine($"-- {progress.Ended(point)}");
                continue;
            }
            output.WriteLine($"== {progress.Started(point)}");
            var clock = Stopwatch.StartNew();
            string? error = null;
            using (torch.NewDisposeScope())
            {
                try
                {
                    withProgress(progress => PointRunner.Run(sweep, point, registry, progress));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    error = e.Message;
                    output.WriteLine($"{point.Label}: failed: {e.Message}");
                }
            }
            AfterPoint?.Invoke(point, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            launches.Add(new PointLaunch(point, error is null, clock.Elapsed, error));
            output.WriteLine($"-- {progress.Ended(point)}");
        }
        return launches;
    }
}
