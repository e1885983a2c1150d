namespace DslRunner.Statistics;

/// <summary>Sample quantiles: the median and the interquartile range of timings.</summary>
public static class Quantiles
{
    /// <summary>
    /// The <paramref name="probability"/> quantile of <paramref name="values"/> by linear interpolation between order
    /// statistics at position p·(n − 1) (Hyndman and Fan's type 7); NaN for no values.
    /// </summary>
    public static double Of(IEnumerable<double> values, double probability)
    {
        if (probability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability lies in [0, 1]");
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0) return double.NaN;
        double position = probability * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);
}
