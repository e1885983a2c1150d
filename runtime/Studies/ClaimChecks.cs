using DslRunner.Statistics;

namespace DslRunner.Studies;

/// <summary>The single-run verdict rules of the studies still written in C#; declared studies judge with <see cref="VerdictRules"/> over seeds.</summary>
public static class ClaimChecks
{
    /// <summary>Held when <paramref name="value"/> exceeds <paramref name="threshold"/>.</summary>
    public static Verdict Above(double value, double threshold) =>
        !double.IsFinite(value) ? Verdict.Inconclusive : value > threshold ? Verdict.Held : Verdict.DidNotHold;
}
