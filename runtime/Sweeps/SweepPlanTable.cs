using System.Globalization;
using System.Text;

namespace DslRunner.Sweeps;

/// <summary>A plan as a table: one line per point with its seed, threads, config hash, cost and (when known) state.</summary>
public static class SweepPlanTable
{
    public static string Render(SweepPlan plan, IReadOnlyList<PointState>? states = null)
    {
        var rows = new List<string[]> { new[] { "#", "point", "seed", "threads", "config", "tokens", "FLOPs", "est. time", "state", "overrides" } };
        foreach (var point in plan.Points)
        {
            var state = states?.FirstOrDefault(s => s.Point.Index == point.Index);
            rows.Add([
                point.Index.ToString(CultureInfo.InvariantCulture), point.Label, point.Seed.ToString(CultureInfo.InvariantCulture),
                point.Threads.ToString(CultureInfo.InvariantCulture), point.ConfigHash[..12],
                point.Cost.Tokens.ToString("N0", CultureInfo.InvariantCulture), point.Cost.Flops.ToString("0.00e+0", CultureInfo.InvariantCulture),
                point.Cost.EstimatedSeconds is { } seconds ? Duration(seconds) : "—",
                state is null ? "new" : state.Phase.ToString().ToLowerInvariant(),
                point.Overrides.Count == 0 ? "—" : string.Join(' ', point.Overrides),
            ]);
        }
        var text = new StringBuilder(Align(rows));
        double flops = plan.Points.Sum(p => p.Cost.Flops);
        var estimates = plan.Points.Select(p => p.Cost.EstimatedSeconds).ToList();
        text.Append(string.Create(CultureInfo.InvariantCulture, $"{plan.Points.Count} points, {plan.Points.Sum(p => p.Cost.Tokens):N0} tokens, {flops:0.00e+0} FLOPs"));
        text.Append(estimates.All(e => e is not null)
            ? $", about {Duration(estimates.Sum(e => e!.Value))} one after another"
            : "; no time estimate: no finished run of these experiments on this CPU yet");
        return text.Append('\n').ToString();
    }

    public static string Duration(double seconds) =>
        seconds < 90 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s")
        : seconds < 5400 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h");

    /// <summary>Columns padded to their widest cell; the first row is the header.</summary>
    public static string Align(IReadOnlyList<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendJoin("  ", row.Select((cell, c) => c == columns - 1 ? cell : cell.PadRight(widths[c]))).Append('\n');
        return text.ToString();
    }
}
