namespace DslRunner.Statistics;

/// <summary>
/// Many claims judged at 95 % each: some would hold by chance. Holm's step-down rule keeps the chance that any claim of
/// a family is wrongly decided (held or did not hold) at 5 %: the claims' one-sided p-values, smallest first, are
/// compared with 0.025/m, 0.025/(m − 1), …, and the decisions stop at the first that misses its bound. A claim whose
/// raw verdict is not reached again under the rule becomes inconclusive. (0.025 one-sided is the two-sided 95 % interval
/// lying wholly on one side, the raw rule.)
/// </summary>
public static class Multiplicity
{
    public const string RuleText =
        "Holm's step-down rule over the study's findings (family-wise error 5 %; controls and mechanism checks are not in the family; a claim not testable here does not count)";

    /// <summary>
    /// The one-sided p-value of <paramref name="estimate"/> lying above <paramref name="line"/> (<see cref="Comparison.Greater"/>)
    /// or below it: from the t statistic for t intervals (on Fisher's z scale for correlations), the score test for a
    /// Wilson rate, 0 or 1 for an exact value. NaN when nothing bounded the estimate.
    /// </summary>
    public static double OneSidedP(Estimate estimate, Comparison side, double line)
    {
        if (estimate.Count == 0 || !double.IsFinite(estimate.Value)) return double.NaN;
        double sign = side == Comparison.Greater ? 1 : -1;
        switch (estimate.Method)
        {
            case IntervalMethod.Exact:
                return sign * (estimate.Value - line) > 0 ? 0 : 1;
            case IntervalMethod.Wilson:
            {
                double p0 = Math.Clamp(line, 1e-12, 1 - 1e-12);
                double z = (estimate.Value - p0) / Math.Sqrt(p0 * (1 - p0) / estimate.Count);
                return 1 - Normal.Cdf(sign * z);
            }
            case IntervalMethod.FisherZ:
            {
                double z = Math.Atanh(Math.Clamp(estimate.Value, -0.999999, 0.999999)), z0 = Math.Atanh(Math.Clamp(line, -0.999999, 0.999999));
                return FromT(sign * (z - z0), estimate.StandardError, estimate.DegreesOfFreedom);
            }
            default:
                return FromT(sign * (estimate.Value - line), estimate.StandardError, estimate.DegreesOfFreedom);
        }
    }

    static double FromT(double distance, double standardError, double degreesOfFreedom)
    {
        if (!double.IsFinite(degreesOfFreedom) || !(standardError >= 0)) return double.NaN;
        if (standardError == 0) return distance > 0 ? 0 : 1;
        return 1 - StudentT.Cdf(distance / standardError, degreesOfFreedom);
    }

    /// <summary>
    /// Holm's adjustment of raw verdicts: each decided verdict (held, did not hold) with the one-sided p-value of the side
    /// it decided for; inconclusive ones count in the family size but are never decided, and claims not testable here
    /// are no test and do not count.
    /// </summary>
    public static IReadOnlyList<Verdict> Holm(IReadOnlyList<(Verdict Raw, double P)> claims, double alpha = 0.025)
    {
        int m = claims.Count(c => c.Raw != Verdict.NotTestableHere);
        var adjusted = claims.Select(c => c.Raw is Verdict.Held or Verdict.DidNotHold ? Verdict.Inconclusive : c.Raw).ToArray();
        var order = Enumerable.Range(0, claims.Count)
            .Where(i => claims[i].Raw is Verdict.Held or Verdict.DidNotHold && double.IsFinite(claims[i].P))
            .OrderBy(i => claims[i].P).ToList();
        for (int k = 0; k < order.Count; k++)
        {
            int i = order[k];
            if (claims[i].P > alpha / (m - k)) break;
            adjusted[i] = claims[i].Raw;
        }
        return adjusted;
    }
}
