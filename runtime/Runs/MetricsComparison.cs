using System.Globalization;
using DslRunner.RunFiles;

namespace DslRunner.Runs;

/// <summary>A metric that differs between a recorded run and its re-run.</summary>
public sealed record MetricDifference(int Step, string Split, string Metric, double? Recorded, double? Rerun);

/// <summary>How close re-run metrics must be: exactly equal, or within a relative tolerance.</summary>
public sealed record MetricsTolerance(double Relative)
{
    public static readonly MetricsTolerance Exact = new(0);

    /// <summary>Across machine kinds float reductions differ; trajectories stay within this of each other at these scales.</summary>
    public static readonly MetricsTolerance CrossMachine = new(0.02);

    public bool Accepts(double recorded, double rerun) =>
        Relative == 0 ? recorded.Equals(rerun) : Math.Abs(recorded - rerun) <= Relative * Math.Max(Math.Abs(recorded), Math.Abs(rerun));

    public override string ToString() =>
        Relative == 0 ? "exact (bit-identical)" : string.Create(CultureInfo.InvariantCulture, $"within {Relative:P0} relative");
}

/// <summary>Compares two metric histories, ignoring wall-clock figures.</summary>
public static class MetricsComparison
{
    /// <summary>Metrics that measure the clock rather than the computation (tokens/s of training or of a decoder).</summary>
    public static bool IsTiming(string metric) =>
        metric == MetricsLog.TokensPerSecond || metric.EndsWith("/" + MetricsLog.TokensPerSecond, StringComparison.Ordinal) || metric == "wall_seconds";

    public static IReadOnlyList<MetricDifference> Compare(
        IReadOnlyList<MetricsRecord> recorded, IReadOnlyList<MetricsRecord> rerun, MetricsTolerance tolerance)
    {
        var left = Index(recorded);
        var right = Index(rerun);
        var differences = new List<MetricDifference>();
        foreach (var key in left.Keys.Union(right.Keys).OrderBy(k => k.Step).ThenBy(k => k.Split, StringComparer.Ordinal).ThenBy(k => k.Metric, StringComparer.Ordinal))
        {
            bool hasLeft = left.TryGetValue(key, out double a), hasRight = right.TryGetValue(key, out double b);
            if (hasLeft && hasRight && tolerance.Accepts(a, b)) continue;
            differences.Add(new MetricDifference(key.Step, key.Split, key.Metric, hasLeft ? a : null, hasRight ? b : null));
        }
        return differences;
    }

    static Dictionary<(int Step, string Split, string Metric), double> Index(IReadOnlyList<MetricsRecord> records)
    {
        var index = new Dictionary<(int, string, string), double>();
        foreach (var record in records)
            foreach (var (metric, value) in record.Values)
                if (!IsTiming(metric)) index[(record.Step, record.Split, metric)] = value;
        return index;
    }
}
