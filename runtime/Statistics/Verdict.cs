namespace DslRunner.Statistics;

/// <summary>What the measurements say about a claim.</summary>
public enum Verdict
{
    /// <summary>The whole interval lies on the claimed side.</summary>
    Held,
    /// <summary>The whole interval lies on the other side.</summary>
    DidNotHold,
    /// <summary>The interval straddles the line, or nothing bounded it.</summary>
    Inconclusive,
    /// <summary>A control the claim depends on failed: the measurement could not have seen the effect here.</summary>
    NotTestableHere,
}

/// <summary>Which side of a line a claim puts an estimate on.</summary>
public enum Comparison { Greater, Less }

/// <summary>The verdict rules: an interval against a line, and controls before claims.</summary>
public static class VerdictRules
{
    /// <summary>
    /// Held when the whole interval is on the claimed side of <paramref name="line"/>; did not hold when the whole
    /// interval is on the other side (touching the line counts as the other side); otherwise — or when nothing was
    /// measured or nothing bounded the interval — inconclusive. "Nothing measured" never agrees with a claim.
    /// </summary>
    public static Verdict Judge(Estimate estimate, Comparison comparison, double line)
    {
        if (estimate.Count == 0 || !double.IsFinite(estimate.Value) || !estimate.Interval.IsBounded) return Verdict.Inconclusive;
        var (low, high) = (estimate.Interval.Low, estimate.Interval.High);
        return comparison switch
        {
            Comparison.Greater => low > line ? Verdict.Held : high <= line ? Verdict.DidNotHold : Verdict.Inconclusive,
            _ => high < line ? Verdict.Held : low >= line ? Verdict.DidNotHold : Verdict.Inconclusive,
        };
    }

    /// <summary>A claim's verdict once its controls are known: any control that did not hold makes it "not testable here".</summary>
    public static Verdict WithControls(Verdict claim, IEnumerable<Verdict> controls) =>
        controls.Any(c => c != Verdict.Held) ? Verdict.NotTestableHere : claim;

    public static string Describe(Verdict verdict) => verdict switch
    {
        Verdict.Held => "held",
        Verdict.DidNotHold => "did not hold",
        Verdict.Inconclusive => "inconclusive",
        _ => "not testable here",
    };
}
