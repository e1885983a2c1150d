namespace DslRunner.Statistics;

/// <summary>Rates (recall, parse rate): Wilson's score interval on the count pooled over seeds, the seed spread beside it.</summary>
public static class Wilson
{
    /// <summary>The rate <paramref name="successes"/>/<paramref name="trials"/> with Wilson's score interval.</summary>
    public static Estimate Rate(long successes, long trials, double level = Estimate.DefaultLevel) =>
        Pooled([(successes, trials)], level);

    /// <summary>
    /// The pooled rate Σ successes / Σ trials over seeds with Wilson's interval; <see cref="Estimate.Spread"/> is the
    /// standard deviation of the per-seed rates. <see cref="Estimate.Count"/> is the pooled number of trials.
    /// </summary>
    public static Estimate Pooled(IReadOnlyList<(long Successes, long Trials)> perSeed, double level = Estimate.DefaultLevel)
    {
        foreach (var (s, n) in perSeed)
            if (n < 0 || s < 0 || s > n) throw new ArgumentException($"{s} successes out of {n} trials is not a count", nameof(perSeed));
        long successes = perSeed.Sum(p => p.Successes), trials = perSeed.Sum(p => p.Trials);
        if (trials == 0) return Estimate.Nothing(IntervalMethod.Wilson, level);
        double z = Normal.TwoSided(level);
        double p = (double)successes / trials, z2 = z * z;
        double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        double half = z / (1 + z2 / trials) * Math.Sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        var rates = perSeed.Where(x => x.Trials > 0).Select(x => (double)x.Successes / x.Trials).ToList();
        return new Estimate(p, new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half)), (int)Math.Min(trials, int.MaxValue),
            Math.Sqrt(SeedStatistics.Variance(rates)), level, IntervalMethod.Wilson);
    }
}
