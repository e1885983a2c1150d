using DslRunner.Statistics;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

public sealed class ClaimChecksTests
{
    [Theory]
    [InlineData(0.62, Verdict.Held)]
    [InlineData(0.55, Verdict.Held)]
    [InlineData(0.66, Verdict.DidNotHold)]
    [InlineData(0.3, Verdict.DidNotHold)]
    [InlineData(double.NaN, Verdict.Inconclusive)]
    public void Near_holds_within_the_tolerance_only(double value, Verdict expected) =>
        Assert.Equal(expected, ClaimChecks.Near(value, expected: 0.6, tolerance: 0.05));

    [Theory]
    [InlineData(0.71, Verdict.Held)]
    [InlineData(0.7, Verdict.DidNotHold)]
    [InlineData(0.2, Verdict.DidNotHold)]
    [InlineData(double.PositiveInfinity, Verdict.Inconclusive)]
    public void Above_is_strict(double value, Verdict expected) => Assert.Equal(expected, ClaimChecks.Above(value, 0.7));

    [Fact]
    public void A_series_that_rises_while_the_loss_falls_holds()
    {
        double[] logitMean = [0.03, 0.2, 0.5, 0.9, 1.4, 2.2];
        double[] loss = [8.2, 6.0, 4.5, 3.6, 3.0, 2.6];

        Assert.Equal(Verdict.Held, ClaimChecks.GrowsAsFalls(logitMean, loss));
    }

    [Fact]
    public void A_series_that_falls_with_the_loss_did_not_hold()
    {
        double[] logitMean = [2.0, 1.5, 1.0, 0.7, 0.5];
        double[] loss = [8.2, 6.0, 4.5, 3.6, 3.0];

        Assert.Equal(Verdict.DidNotHold, ClaimChecks.GrowsAsFalls(logitMean, loss));
    }

    [Fact]
    public void An_unrelated_series_or_too_few_points_is_inconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, ClaimChecks.GrowsAsFalls([0.1, 0.5, 0.2, 0.4, 0.3, 0.35], [5, 4, 3.5, 3.2, 3.0, 2.9]));
        Assert.Equal(Verdict.Inconclusive, ClaimChecks.GrowsAsFalls([0.1, 0.5, 0.9], [5, 4, 3]));
    }

    [Fact]
    public void Spearman_uses_ranks_and_averages_ties()
    {
        Assert.Equal(1, ClaimChecks.Spearman([1, 2, 3, 4], [10, 100, 1000, 10000]), 12);
        Assert.Equal(-1, ClaimChecks.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        // Ranks x = 1, 2.5, 2.5, 4 against y = 1, 2, 3, 4: ρ = 4.5 / √(4.5 · 5).
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), ClaimChecks.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
        Assert.Equal(0, ClaimChecks.Spearman([1, 1, 1], [1, 2, 3]));
    }

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
