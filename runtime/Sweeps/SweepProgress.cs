using System.Diagnostics;
using System.Globalization;
using DslRunner.Runs;

namespace DslRunner.Sweeps;

/// <summary>
/// Where a launch stands: "[k/N]" as each point starts, and after each point the time so far and an ETA from the points'
/// planned FLOPs (the time per FLOP of the points finished so far times the FLOPs still to run).
/// </summary>
public sealed class SweepProgress(IReadOnlyList<SweepPoint> points, Func<TimeSpan>? clock = null)
{
    readonly Func<TimeSpan> _clock = clock ?? StartClock();
    readonly HashSet<int> _started = [], _ended = [];
    double _flopsEnded;

    /// <summary>"[k/N] label", k counting the points started so far, this one included.</summary>
    public string Started(SweepPoint point)
    {
        _started.Add(point.Index);
        return string.Create(CultureInfo.InvariantCulture, $"[{_started.Count}/{points.Count}] {point.Label}");
    }

    /// <summary>"k/N done, m:ss so far, eta m:ss" (no ETA after the last point).</summary>
    public string Ended(SweepPoint point)
    {
        if (_ended.Add(point.Index)) _flopsEnded += point.Cost.Flops;
        var elapsed = _clock();
        double remaining = points.Where(p => !_ended.Contains(p.Index)).Sum(p => p.Cost.Flops);
        string eta = remaining > 0 && _flopsEnded > 0 ? $", eta {ConsoleProgress.Clock(TimeSpan.FromSeconds(elapsed.TotalSeconds * (remaining / _flopsEnded)))}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{_ended.Count}/{points.Count} done, {ConsoleProgress.Clock(elapsed)} so far{eta}");
    }

    static Func<TimeSpan> StartClock()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed;
    }
}
