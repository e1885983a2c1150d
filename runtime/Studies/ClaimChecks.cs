using DslRunner.Statistics;

namespace DslRunner.Studies;

/// <summary>The verdict rules the studies share, kept apart from any training so they can be checked on hand-made numbers.</summary>
public static class ClaimChecks
{
    /// <summary>Held when <paramref name="value"/> lies within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public static Verdict Near(double value, double expected, double tolerance) =>
        !double.IsFinite(value) ? Verdict.Inconclusive
        : Math.Abs(value - expected) <= tolerance ? Verdict.Held : Verdict.DidNotHold;

    /// <summary>Held when <paramref name="value"/> exceeds <paramref name="threshold"/>.</summary>
    public static Verdict Above(double value, double threshold) =>
        !double.IsFinite(value) ? Verdict.Inconclusive : value > threshold ? Verdict.Held : Verdict.DidNotHold;

    /// <summary>
    /// "<paramref name="rising"/> grows as <paramref name="falling"/> falls": Spearman's rank correlation between the two
    /// series at or below −<paramref name="strong"/>, and <paramref name="rising"/> ending above where it started.
    /// A correlation at or above +<paramref name="strong"/> (they move together) did not hold; anything between,
    /// or fewer than <paramref name="minimumPoints"/> points, is inconclusive.
    /// </summary>
    public static Verdict GrowsAsFalls(IReadOnlyList<double> rising, IReadOnlyList<double> falling, double strong = 0.7, int minimumPoints = 4)
    {
        if (rising.Count != falling.Count) throw new ArgumentException("the two series must be measured at the same points", nameof(falling));
        if (rising.Count < minimumPoints) return Verdict.Inconclusive;
        double rho = Spearman(rising, falling);
        if (rho <= -strong && rising[^1] > rising[0]) return Verdict.Held;
        if (rho >= strong || rising[^1] < rising[0]) return Verdict.DidNotHold;
        return Verdict.Inconclusive;
    }

    /// <summary>
    /// Whether an analytic length predicts a measured one, point by point. A point agrees when the measured length
    /// is within a factor of <paramref name="factor"/> of the analytic one, or when nothing was recalled (null)
    /// and the analytic length lies below <paramref name="shortestProbed"/>, the shortest distance the probe can
    /// see. Held when every point agrees and at least one was measured; did not hold when most points disagree;
    /// otherwise inconclusive.
    /// </summary>
    public static Verdict Predicts(IReadOnlyList<double> analytic, IReadOnlyList<double?> measured, double shortestProbed, double factor = 2)
    {
        if (analytic.Count != measured.Count) throw new ArgumentException("one measurement per analytic value", nameof(measured));
        if (analytic.Count == 0) return Verdict.Inconclusive;
        int agree = 0;
        for (int i = 0; i < analytic.Count; i++)
            if (Agrees(analytic[i], measured[i], shortestProbed, factor)) agree++;
        if (agree == analytic.Count && measured.Any(m => m is not null)) return Verdict.Held;
        if (agree * 2 < analytic.Count) return Verdict.DidNotHold;
        return Verdict.Inconclusive;
    }

    static bool Agrees(double analytic, double? measured, double shortestProbed, double factor) => measured is { } m
        ? m <= analytic * factor && m >= analytic / factor
        : analytic < shortestProbed;

    /// <summary>Spearman's rank correlation (average ranks for ties); 0 when either series is constant.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Correlation.Spearman(x, y) is var rho && double.IsNaN(rho) ? 0 : rho;
}
