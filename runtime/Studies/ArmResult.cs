using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Studies;

/// <summary>What a study keeps of one arm at one seed.</summary>
/// <param name="Folder">The run folder; null for an arm that was only built.</param>
/// <param name="Reused">True when a finished run with the same resolved config was found and nothing ran.</param>
/// <param name="Metrics">The run's metrics records (validation series, test figures).</param>
/// <param name="Measures">The study-level measures computed on the trained model.</param>
/// <param name="EvaluationFingerprint">SHA-256 of the test text for a byte budget, else of the test split's tokens: equal across arms when they share the evaluation text.</param>
public sealed record ArmResult(
    ArmPlan Plan, string? Folder, bool Reused, IReadOnlyList<MetricsRecord> Metrics, IReadOnlyDictionary<string, double> Measures,
    string EvaluationFingerprint, TimeSpan WallTime)
{
    public (double[] Steps, double[] Values) Series(string metric) =>
        ([.. Metrics.Where(m => m.Split == "validation" && m.Values.ContainsKey(metric)).Select(m => (double)m.Step)],
         [.. Metrics.Where(m => m.Split == "validation" && m.Values.ContainsKey(metric)).Select(m => m.Values[metric])]);

    /// <summary>The count behind a rate measure (successes out of trials); null for any other metric.</summary>
    public RateCount? Count(string metric) =>
        Measures.TryGetValue(RateCount.SuccessesKey(metric), out double successes) && Measures.TryGetValue(RateCount.TrialsKey(metric), out double trials)
            ? new RateCount((long)successes, (long)trials)
            : null;

    /// <summary>The value of <paramref name="metric"/> a check asks for; NaN when the run did not measure it.</summary>
    public double Value(string metric, ValueKind kind, int step = 0)
    {
        if (kind == ValueKind.Init) return Measures.TryGetValue(ArmMeasures.InitKey(metric), out double initial) ? initial : double.NaN;
        if (kind == ValueKind.Final)
        {
            if (Measures.TryGetValue(metric, out double measured)) return measured;
            var test = Metrics.LastOrDefault(m => m.Split == "test" && m.Values.ContainsKey(metric));
            return test?.Values[metric] ?? double.NaN;
        }
        var (steps, values) = Series(metric);
        if (values.Length == 0) return double.NaN;
        return kind switch
        {
            ValueKind.Last => values[^1],
            ValueKind.Min => values.Min(),
            ValueKind.Max => values.Max(),
            ValueKind.Start => values[0],
            _ => Array.IndexOf(steps, (double)step) is var at and >= 0 ? values[at] : double.NaN,
        };
    }
}
