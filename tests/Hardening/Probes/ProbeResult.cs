using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// One row of the hardening table: what was tried, whether it ran, whether the property held, and the figures.
/// A probe that could not run says why (<see cref="SkipReason"/>) and never reads as held.
/// </summary>
/// <param name="Area">"bad input", "faults" or "load".</param>
/// <param name="Property">The property, in a few words.</param>
/// <param name="Tried">What was tried (counts, sizes).</param>
/// <param name="Figures">What was measured.</param>
/// <param name="Failures">Each way the property broke; empty when it held (or did not run).</param>
public sealed record ProbeResult(string Area, string Property, string Tried, string Figures, IReadOnlyList<string> Failures)
{
    /// <summary>Why the probe did not run; null when it ran.</summary>
    public string? SkipReason { get; init; }

    /// <summary>Whether this machine has what the skipped probe needs (root for mounts…): under CI such a skip fails.</summary>
    public bool RunnableHere { get; init; }

    public bool Ran => SkipReason is null;

    public bool Held => Ran && Failures.Count == 0;

    /// <summary>A skip that counts as a failure: under CI, on a machine that can run the probe.</summary>
    public bool SkipIsFailure => !Ran && RunnableHere && ContinuousIntegration.IsSet;

    /// <summary>"held", "FAILED" or "skipped: why".</summary>
    public string Outcome => Ran ? (Held ? "held" : "FAILED") : SkipIsFailure ? $"FAILED (skipped under CI: {SkipReason})" : $"skipped: {SkipReason}";

    public static ProbeResult Skipped(string area, string property, string tried, string reason, bool runnableHere) =>
        new(area, property, tried, "—", []) { SkipReason = reason, RunnableHere = runnableHere };

    /// <summary>The outcome and failures as one message, for an assertion.</summary>
    public string Explain() => $"{Property}: {Tried}; {Outcome}; {Figures}\n" + string.Join("\n", Failures.Take(10));
}
