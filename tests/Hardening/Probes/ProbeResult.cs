namespace DslRunner.Tests.Hardening.Probes;

/// <summary>One row of the hardening table: what was tried, whether the property held, and the figures measured.</summary>
/// <param name="Area">"bad input", "faults" or "load".</param>
/// <param name="Property">The property, in a few words.</param>
/// <param name="Tried">What was tried (counts, sizes).</param>
/// <param name="Figures">What was measured.</param>
/// <param name="Failures">Each way the property broke; empty when it held.</param>
public sealed record ProbeResult(string Area, string Property, string Tried, string Figures, IReadOnlyList<string> Failures)
{
    public bool Held => Failures.Count == 0;

    /// <summary>The failures as one message, for an assertion.</summary>
    public string Explain() => $"{Property}: {Tried}; {Figures}\n" + string.Join("\n", Failures.Take(10));
}
