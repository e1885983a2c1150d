using System.Diagnostics;
using DslRunner.Runs;
using TorchSharp;

namespace DslRunner.Sweeps;

/// <summary>
/// Runs points one after another in this process. Each point runs inside its own dispose scope, so whatever tensor
/// a run leaves undisposed is freed when the point ends and live tensors do not grow from point to point.
/// </summary>
/// <param name="withProgress">Runs a point's body with a progress display.</param>
public sealed class InProcessLauncher(
    IReadOnlyList<IExperiment> registry, TextWriter output, Func<Func<IRunProgress, PointOutcome>, PointOutcome> withProgress) : ISweepLauncher
{
    /// <summary>Called after each point with the live tensor count on this thread (what the memory tests watch).</summary>
    public Action<SweepPoint, long>? AfterPoint { get; init; }

    public IReadOnlyList<PointLaunch> Launch(SweepFolder sweep, IReadOnlyList<SweepPoint> points)
    {
        var launches = new List<PointLaunch>();
        foreach (var point in points)
        {
            output.WriteLine($"== {point.Label}");
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
        }
        return launches;
    }
}
