using DslRunner.Tests.Hardening.Probes;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Hardening;

/// <summary>A probe that did not run never reads as held: not in the table, not as a test.</summary>
public sealed class ProbeReportingTests
{
    static readonly ProbeResult HeldProbe = new("faults", "p1", "t1", "f1", []);
    static readonly ProbeResult FailedProbe = new("faults", "p2", "t2", "f2", ["it broke"]);
    static readonly ProbeResult SkippedProbe = ProbeResult.Skipped("faults", "p3", "t3", "mounting is not permitted", runnableHere: true);

    [Fact]
    public void The_table_says_whether_each_probe_ran_apart_from_whether_it_held()
    {
        using var ci = new ScopedEnvironment("CI", null);

        var rows = ProbeTable.Render([(HeldProbe, TimeSpan.FromSeconds(1)), (FailedProbe, TimeSpan.FromSeconds(2)), (SkippedProbe, TimeSpan.Zero)])
            .Split('\n');

        Assert.Equal("| area | property | tried | ran | held | figures | time |", rows[0]);
        Assert.Equal("| faults | p1 | t1 | yes | yes | f1 | 1.0 s |", rows[2]);
        Assert.Equal("| faults | p2 | t2 | yes | **NO** | f2 | 2.0 s |", rows[3]);
        Assert.Equal("| faults | p3 | t3 | no: mounting is not permitted | — | — | 0.0 s |", rows[4]);
    }

    [Fact]
    public void A_skipped_probe_is_not_held_and_is_reported_as_a_skip_with_its_reason()
    {
        using var ci = new ScopedEnvironment("CI", null);

        Assert.False(SkippedProbe.Held);
        Assert.Equal("skipped: mounting is not permitted", SkippedProbe.Outcome);
        var skip = Assert.Throws<SkipException>(() => ProbeAssert.Report(SkippedProbe));
        Assert.Contains("mounting is not permitted", skip.Message);
        Assert.Throws<Xunit.Sdk.FailException>(() => ProbeAssert.Report(FailedProbe));
        ProbeAssert.Report(HeldProbe);
    }

    [Fact]
    public void Under_CI_a_skip_the_machine_could_have_run_fails()
    {
        using var ci = new ScopedEnvironment("CI", "true");
        var notRunnable = SkippedProbe with { RunnableHere = false };

        Assert.True(SkippedProbe.SkipIsFailure);
        Assert.Throws<Xunit.Sdk.FailException>(() => ProbeAssert.Report(SkippedProbe));
        Assert.Contains("**NO** (under CI)", ProbeTable.Render([(SkippedProbe, TimeSpan.Zero)]));
        Assert.Throws<SkipException>(() => ProbeAssert.Report(notRunnable));
    }
}
