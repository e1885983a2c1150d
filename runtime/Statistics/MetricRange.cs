using DslRunner.Generator.Measures;

namespace DslRunner.Statistics;

/// <summary>
/// The values a run metric can take, so an interval over seeds never claims impossible ones (a rate below 0, a loss
/// below 0): a built-in measure's figure has the range its descriptor declares; of the others, fractions and rates lie
/// in [0, 1], bits and sizes are never negative. A metric of a decoder (<c>decode/&lt;decoder&gt;/&lt;figure&gt;</c>) or split
/// (<c>test/loss</c>) has its figure's range; anything not known here is not bounded.
/// </summary>
public static class MetricRange
{
    public static (double Low, double High) Of(string metric)
    {
        string figure = metric[(metric.LastIndexOf('/') + 1)..];
        if (MeasureCatalog.RangeOf(figure) is { } declared) return Bounds(declared);
        if (figure is "repetition_rate" || figure.StartsWith("distinct_", StringComparison.Ordinal)
            || figure.StartsWith("capacity", StringComparison.Ordinal) || figure.StartsWith("recall_", StringComparison.Ordinal)
            || figure.EndsWith("_rate", StringComparison.Ordinal) || figure.EndsWith("_share", StringComparison.Ordinal))
            return Bounds(FigureRange.Fraction);
        if (figure is "bits_per_byte" or "mean_nucleus_size"
            || figure.StartsWith("stored_bytes", StringComparison.Ordinal) || figure.EndsWith("tokens_per_second", StringComparison.Ordinal)
            || figure.EndsWith("bits_per_byte", StringComparison.Ordinal))
            return Bounds(FigureRange.NonNegative);
        return Bounds(FigureRange.Any);
    }

    static (double Low, double High) Bounds(FigureRange range) => range switch
    {
        FigureRange.NonNegative => (0, double.PositiveInfinity),
        FigureRange.Fraction => (0, 1),
        FigureRange.AtLeastOne => (1, double.PositiveInfinity),
        _ => (double.NegativeInfinity, double.PositiveInfinity),
    };

    /// <summary><paramref name="estimate"/> with its interval cut to the metric's range (the estimate itself is unchanged).</summary>
    public static Estimate Clip(string metric, Estimate estimate)
    {
        if (!estimate.Interval.IsBounded) return estimate;
        var (low, high) = Of(metric);
        var clipped = new Interval(Math.Max(low, estimate.Interval.Low), Math.Min(high, estimate.Interval.High));
        return clipped == estimate.Interval ? estimate : estimate with { Interval = clipped };
    }
}
