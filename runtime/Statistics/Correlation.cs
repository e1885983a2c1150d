namespace DslRunner.Statistics;

/// <summary>Correlations, and their pooling over seeds with an interval.</summary>
public static class Correlation
{
    /// <summary>Pearson's r; NaN when either series is constant or there are fewer than two points.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("series of different lengths", nameof(y));
        if (x.Count < 2) return double.NaN;
        double mx = x.Average(), my = y.Average(), covariance = 0, vx = 0, vy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            covariance += (x[i] - mx) * (y[i] - my);
            vx += (x[i] - mx) * (x[i] - mx);
            vy += (y[i] - my) * (y[i] - my);
        }
        return vx == 0 || vy == 0 ? double.NaN : covariance / Math.Sqrt(vx * vy);
    }

    /// <summary>Spearman's ρ: Pearson's r of the ranks (ties share their average rank).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) => Pearson(Ranks(x), Ranks(y));

    /// <summary>
    /// Pearson's r of the successive changes of two series measured at the same points. Two series that both trend
    /// with time correlate strongly whatever links them; their step-to-step changes correlate only when they move together.
    /// </summary>
    public static double OfChanges(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("series of different lengths", nameof(y));
        return Pearson(Changes(x), Changes(y));
    }

    /// <summary>
    /// One correlation per seed pooled into a mean with an interval: each r is mapped to Fisher's z = atanh(r), the
    /// z values get a t interval over seeds, and the mean and ends are mapped back with tanh.
    /// </summary>
    public static Estimate OverSeeds(IEnumerable<double> perSeed, double level = Estimate.DefaultLevel)
    {
        var z = perSeed.Where(double.IsFinite).Select(r => Math.Atanh(Math.Clamp(r, -0.999999, 0.999999))).ToList();
        var mean = SeedStatistics.Mean(z, level);
        if (mean.Count == 0) return Estimate.Nothing(IntervalMethod.FisherZ, level);
        return new Estimate(Math.Tanh(mean.Value), new Interval(Math.Tanh(mean.Interval.Low), Math.Tanh(mean.Interval.High)),
            mean.Count, mean.Spread, level, IntervalMethod.FisherZ)
        {
            StandardError = mean.StandardError,
            DegreesOfFreedom = mean.DegreesOfFreedom,
        };
    }

    static double[] Changes(IReadOnlyList<double> series) => [.. Enumerable.Range(1, Math.Max(0, series.Count - 1)).Select(i => series[i] - series[i - 1])];

    static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }
}
