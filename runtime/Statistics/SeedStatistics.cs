namespace DslRunner.Statistics;

/// <summary>
/// Means and differences over replicate seeds with Student-t intervals: the one place studies and sweeps
/// turn per-seed values into an estimate.
/// </summary>
public static class SeedStatistics
{
    /// <summary>Mean of <paramref name="values"/> with a t interval; unbounded below two values, NaN values ignored.</summary>
    public static Estimate Mean(IEnumerable<double> values, double level = Estimate.DefaultLevel) =>
        MeanOf([.. values.Where(double.IsFinite)], level, IntervalMethod.T);

    /// <summary>
    /// The mean of <c>a − b</c>. Where the two arms share seeds, the per-seed differences of the shared seeds with a
    /// paired t interval; where they share none, the difference of the means with a Welch interval.
    /// </summary>
    public static Estimate Difference(
        IReadOnlyDictionary<int, double> a, IReadOnlyDictionary<int, double> b, double level = Estimate.DefaultLevel)
    {
        var shared = a.Keys.Where(seed => b.ContainsKey(seed) && double.IsFinite(a[seed]) && double.IsFinite(b[seed])).Order().ToArray();
        if (shared.Length > 0)
            return MeanOf([.. shared.Select(seed => a[seed] - b[seed])], level, IntervalMethod.PairedT);
        return Welch([.. a.Values.Where(double.IsFinite)], [.. b.Values.Where(double.IsFinite)], level);
    }

    /// <summary>Welch's interval for mean(a) − mean(b) of independent samples (Welch–Satterthwaite degrees of freedom).</summary>
    public static Estimate Welch(IReadOnlyList<double> a, IReadOnlyList<double> b, double level = Estimate.DefaultLevel)
    {
        if (a.Count == 0 || b.Count == 0) return Estimate.Nothing(IntervalMethod.WelchT, level);
        double difference = a.Average() - b.Average();
        if (a.Count < 2 || b.Count < 2)
            return new Estimate(difference, Interval.Unbounded, Math.Min(a.Count, b.Count), double.NaN, level, IntervalMethod.WelchT);
        double va = Variance(a) / a.Count, vb = Variance(b) / b.Count;
        double standardError = Math.Sqrt(va + vb);
        if (standardError == 0)
            return new Estimate(difference, new Interval(difference, difference), Math.Min(a.Count, b.Count), 0, level, IntervalMethod.WelchT);
        double df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        double half = StudentT.TwoSided(level, df) * standardError;
        return new Estimate(difference, new Interval(difference - half, difference + half), Math.Min(a.Count, b.Count), standardError, level, IntervalMethod.WelchT)
        {
            StandardError = standardError,
            DegreesOfFreedom = df,
        };
    }

    /// <summary>The sample variance (n − 1 in the denominator).</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return double.NaN;
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    static Estimate MeanOf(double[] values, double level, IntervalMethod method)
    {
        if (values.Length == 0) return Estimate.Nothing(method, level);
        double mean = values.Average();
        if (values.Length < 2) return new Estimate(mean, Interval.Unbounded, 1, double.NaN, level, method);
        double sd = Math.Sqrt(Variance(values));
        double half = StudentT.TwoSided(level, values.Length - 1) * sd / Math.Sqrt(values.Length);
        return new Estimate(mean, new Interval(mean - half, mean + half), values.Length, sd, level, method)
        {
            StandardError = sd / Math.Sqrt(values.Length),
            DegreesOfFreedom = values.Length - 1,
        };
    }
}
