using DslRunner.Statistics;

namespace DslRunner.Studies;

/// <summary>One claim of a seed, what was measured for it and the verdict.</summary>
/// <param name="Claim">The claim in the seed's words, short.</param>
/// <param name="Measured">The numbers the verdict rests on.</param>
/// <param name="Reason">Why the verdict follows from the numbers.</param>
public sealed record ClaimResult(string Claim, string Measured, Verdict Verdict, string Reason)
{
    public static string Describe(Verdict verdict) => VerdictRules.Describe(verdict);
}
