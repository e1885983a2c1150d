using DslRunner.Statistics;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

public sealed class ClaimChecksTests
{
    [Theory]
    [InlineData(0.71, Verdict.Held)]
    [InlineData(0.7, Verdict.DidNotHold)]
    [InlineData(0.2, Verdict.DidNotHold)]
    [InlineData(double.PositiveInfinity, Verdict.Inconclusive)]
    public void Above_is_strict(double value, Verdict expected) => Assert.Equal(expected, ClaimChecks.Above(value, 0.7));

    [Fact]
    public void Predicts_holds_when_every_measured_length_is_within_a_factor_of_two()
    {
        Assert.Equal(Verdict.Held, ClaimChecks.Predicts([3, 10, 20], [5, 6, 39], shortestProbed: 8));
    }

    [Fact]
    public void Nothing_recalled_agrees_only_with_an_analytic_length_below_what_the_probe_sees()
    {
        Assert.Equal(Verdict.Held, ClaimChecks.Predicts([3, 10], [null, 12], shortestProbed: 8));
        Assert.Equal(Verdict.Inconclusive, ClaimChecks.Predicts([3, 4], [null, null], shortestProbed: 8));
        Assert.Equal(Verdict.DidNotHold, ClaimChecks.Predicts([30, 40], [null, null], shortestProbed: 8));
    }

    [Fact]
    public void Predicts_did_not_hold_when_most_points_are_off_by_more_than_the_factor()
    {
        Assert.Equal(Verdict.DidNotHold, ClaimChecks.Predicts([3, 3, 3], [40, 50, 4], shortestProbed: 8));
        Assert.Equal(Verdict.Inconclusive, ClaimChecks.Predicts([3, 3], [40, 4], shortestProbed: 8));
    }
}
