using DslRunner.Statistics;

namespace DslRunner.Studies;

/// <summary>The single-run verdict rules of the studies still written in C#; declared studies judge with <see cref="VerdictRules"/> over seeds.</summary>
public static class ClaimChecks
{
    /// <summary>Held when <paramref name="value"/> exceeds <paramref name="threshold"/>.</summary>
    public static Verdict Above(double value, double threshold) =>
        !double.IsFinite(value) ? Verdict.Inconclusive : value > threshold ? Verdict.Held : Verdict.DidNotHold;

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
}
