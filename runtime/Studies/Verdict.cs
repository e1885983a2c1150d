namespace DslRunner.Studies;

/// <summary>Whether a seed's claim held at the scale a study ran.</summary>
public enum Verdict
{
    Held,
    DidNotHold,
    /// <summary>The measurements neither support nor contradict the claim at this scale.</summary>
    Inconclusive,
}

/// <summary>One claim of a seed, what was measured for it and the verdict.</summary>
/// <param name="Claim">The claim in the seed's words, short.</param>
/// <param name="Measured">The numbers the verdict rests on.</param>
/// <param name="Reason">Why the verdict follows from the numbers.</param>
public sealed record ClaimResult(string Claim, string Measured, Verdict Verdict, string Reason)
{
    public static string Describe(Verdict verdict) => verdict switch
    {
        Verdict.Held => "held",
        Verdict.DidNotHold => "did not hold",
        _ => "inconclusive at this scale",
    };
}
