namespace DslRunner.Statistics;

/// <summary>How a study's findings are judged together (the study key <c>multiplicity</c>).</summary>
public enum MultiplicityRule
{
    /// <summary>Holm's step-down rule (the default): family-wise error 5 %, never less powerful than Bonferroni.</summary>
    Holm,
    /// <summary>Bonferroni's rule: each finding's p-value against 0.025/m.</summary>
    Bonferroni,
    /// <summary>No correction: each finding's verdict is its own interval's.</summary>
    None,
}

/// <summary>
/// Many claims judged at 95 % each: some would hold by chance. Holm's step-down rule keeps the chance that any claim of
/// a family is wrongly decided (held or did not hold) at 5 %: the claims' one-sided p-values, smallest first, are
/// compared with 0.025/m, 0.025/(m − 1), …, and the decisions stop at the first that misses its bound. Bonferroni's rule
/// compares every p-value with 0.025/m. A claim whose raw verdict is not reached again under the rule becomes
/// inconclusive. (0.025 one-sided is the two-sided 95 % interval lying wholly on one side, the raw rule.)
/// </summary>
public static class Multiplicity
{
    const string Family = "controls and mechanism checks are not in the family; a claim not testable here does not count";

    public const string RuleText = "Holm's step-down rule over the study's findings (family-wise error 5 %; " + Family + ")";

    /// <summary>What the report says of <paramref name="rule"/>.</summary>
    public static string TextOf(MultiplicityRule rule) => rule switch
    {
        MultiplicityRule.Holm => RuleText,
        MultiplicityRule.Bonferroni =>
            "Bonferroni's rule over the study's findings (each one-sided p-value against 0.025/m, family-wise error 5 %; " + Family + ")",
        _ => "no correction (declared multiplicity: none): each finding's verdict is its own 95 % interval's, so with m findings " +
             "the chance that some verdict is wrong by chance grows with m",
    };

    /// <summary>The rule's short name, as the claim table's last column names it.</summary>
    public static string NameOf(MultiplicityRule rule) => rule switch
    {
        MultiplicityRule.Holm => "Holm",
        MultiplicityRule.Bonferroni => "Bonferroni",
        _ => "no correction",
    };

    /// <summary>The family size m: the claims with a test (every verdict but "not testable here").</summary>
    public static int FamilySize(IEnumerable<Verdict> raw) => raw.Count(v => v != Verdict.NotTestableHere);

    /// <summary>The raw verdicts adjusted under <paramref name="rule"/>.</summary>
    public static IReadOnlyList<Verdict> Adjust(MultiplicityRule rule, IReadOnlyList<(Verdict Raw, double P)> claims, double alpha = 0.025) => rule switch
    {
        MultiplicityRule.Holm => Holm(claims, alpha),
        MultiplicityRule.Bonferroni => Bonferroni(claims, alpha),
        _ => [.. claims.Select(c => c.Raw)],
    };

    /// <summary>
    /// Bonferroni's adjustment: a decided verdict stands when its one-sided p-value is at most alpha/m (p·m ≤ alpha), m
    /// counting the undecided claims too and not the claims not testable here.
    /// </summary>
    public static IReadOnlyList<Verdict> Bonferroni(IReadOnlyList<(Verdict Raw, double P)> claims, double alpha = 0.025)
    {
        int m = FamilySize(claims.Select(c => c.Raw));
        return [.. claims.Select(c => c.Raw is Verdict.Held or Verdict.DidNotHold
            ? double.IsFinite(c.P) && c.P * m <= alpha ? c.Raw : Verdict.Inconclusive
            : c.Raw)];
    }

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
        int m = FamilySize(claims.Select(c => c.Raw));
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
