using DslRunner.Statistics;

namespace DslRunner.Tests.Statistics;

/// <summary>Every figure here was worked out by hand (t and z from printed tables) before the code ran.</summary>
public sealed class StatisticsTests
{
    [Theory]
    [InlineData(1, 12.706205)]
    [InlineData(2, 4.302653)]
    [InlineData(3, 3.182446)]
    [InlineData(4, 2.776445)]
    [InlineData(9, 2.262157)]
    [InlineData(30, 2.042272)]
    public void Two_sided_95_percent_t_matches_the_table(int df, double table) =>
        Assert.Equal(table, StudentT.TwoSided(0.95, df), 1e-5);

    [Fact]
    public void T_cdf_is_symmetric_and_half_at_zero()
    {
        Assert.Equal(0.5, StudentT.Cdf(0, 3), 1e-12);
        Assert.Equal(0.975, StudentT.Cdf(4.302653, 2), 1e-6);
        Assert.Equal(0.025, StudentT.Cdf(-4.302653, 2), 1e-6);
    }

    [Fact]
    public void Normal_two_sided_95_is_1_96() => Assert.Equal(1.959964, Normal.TwoSided(0.95), 1e-6);

    [Fact]
    public void Mean_of_four_values_has_the_t_interval_with_three_degrees_of_freedom()
    {
        var estimate = SeedStatistics.Mean([1, 2, 3, 4]);

        Assert.Equal(2.5, estimate.Value, 1e-12);
        Assert.Equal(1.290994, estimate.Spread, 1e-6);
        Assert.Equal(0.445740, estimate.Interval.Low, 1e-5);
        Assert.Equal(4.554260, estimate.Interval.High, 1e-5);
        Assert.Equal(IntervalMethod.T, estimate.Method);
    }

    [Fact]
    public void One_value_has_no_interval_and_none_has_no_estimate()
    {
        Assert.False(SeedStatistics.Mean([3.0]).Interval.IsBounded);
        Assert.Equal(0, SeedStatistics.Mean([]).Count);
        Assert.Equal(0, SeedStatistics.Mean([double.NaN]).Count);
    }

    [Fact]
    public void Arms_that_share_seeds_are_compared_by_paired_differences()
    {
        var a = new Dictionary<int, double> { [1] = 10, [2] = 12, [3] = 11, [4] = 50 };
        var b = new Dictionary<int, double> { [1] = 9, [2] = 10, [3] = 10.5 };

        var difference = SeedStatistics.Difference(a, b);

        Assert.Equal(IntervalMethod.PairedT, difference.Method);
        Assert.Equal(3, difference.Count);                          // seed 4 has no partner
        Assert.Equal(1.166667, difference.Value, 1e-5);
        Assert.Equal(-0.730625, difference.Interval.Low, 1e-5);
        Assert.Equal(3.063958, difference.Interval.High, 1e-5);
    }

    [Fact]
    public void Arms_without_shared_seeds_fall_back_to_welch()
    {
        var a = new Dictionary<int, double> { [1] = 1, [2] = 2, [3] = 3 };
        var b = new Dictionary<int, double> { [4] = 5, [5] = 6, [6] = 7 };

        var difference = SeedStatistics.Difference(a, b);

        Assert.Equal(IntervalMethod.WelchT, difference.Method);
        Assert.Equal(-4, difference.Value, 1e-12);
        Assert.Equal(-6.266958, difference.Interval.Low, 1e-5);     // equal variances and sizes: 4 degrees of freedom
        Assert.Equal(-1.733042, difference.Interval.High, 1e-5);
    }

    [Fact]
    public void Wilson_interval_of_8_out_of_10_and_of_0_out_of_10()
    {
        var eight = Wilson.Rate(8, 10);
        var none = Wilson.Rate(0, 10);

        Assert.Equal(0.490162, eight.Interval.Low, 1e-5);
        Assert.Equal(0.943318, eight.Interval.High, 1e-5);
        Assert.Equal(0, none.Interval.Low, 1e-12);
        Assert.Equal(0.277533, none.Interval.High, 1e-5);
    }

    [Fact]
    public void Wilson_pools_counts_over_seeds_and_reports_the_seed_spread()
    {
        var pooled = Wilson.Pooled([(3, 5), (5, 5)]);

        Assert.Equal(0.8, pooled.Value, 1e-12);
        Assert.Equal(0.490162, pooled.Interval.Low, 1e-5);            // the same as 8 of 10
        Assert.Equal(Math.Sqrt(0.08), pooled.Spread, 1e-9);            // per-seed rates 0.6 and 1.0
        Assert.Throws<ArgumentException>(() => Wilson.Pooled([(6, 5)]));
    }

    [Fact]
    public void Correlations_pool_over_seeds_through_fisher_z()
    {
        var pooled = Correlation.OverSeeds([0.5, 0.6, 0.7]);

        Assert.Equal(0.606427, pooled.Value, 1e-5);
        Assert.Equal(0.298327, pooled.Interval.Low, 1e-5);
        Assert.Equal(0.800075, pooled.Interval.High, 1e-5);
    }

    [Fact]
    public void Two_trending_series_correlate_in_level_but_not_necessarily_in_their_changes()
    {
        double[] time = [1, 2, 3, 4, 5, 6];
        double[] wobble = [0, 1.5, 1.6, 3.5, 3.6, 5.5];             // rises with time, in steps that alternate

        Assert.True(Correlation.Spearman(time, wobble) > 0.99);
        Assert.Equal(double.NaN, Correlation.OfChanges(time, wobble));        // time's changes are constant
        Assert.Equal(-1, Correlation.OfChanges([1, 2, 1, 2], [2, 1, 2, 1]), 1e-12);
    }

    [Fact]
    public void Spearman_uses_ranks_and_averages_ties()
    {
        Assert.Equal(1, Correlation.Spearman([1, 2, 3, 4], [10, 100, 1000, 10000]), 1e-12);
        Assert.Equal(-1, Correlation.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 1e-12);
        // Ranks x = 1, 2.5, 2.5, 4 against y = 1, 2, 3, 4: ρ = 4.5 / √(4.5 · 5).
        Assert.Equal(4.5 / Math.Sqrt(4.5 * 5), Correlation.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 1e-12);
        Assert.Equal(double.NaN, Correlation.Spearman([1, 1, 1], [1, 2, 3]));
    }

    [Theory]
    [InlineData(0.1, 0.3, Comparison.Greater, 0.05, Verdict.Held)]
    [InlineData(0.01, 0.3, Comparison.Greater, 0.05, Verdict.Inconclusive)]
    [InlineData(-0.2, 0.05, Comparison.Greater, 0.05, Verdict.DidNotHold)]       // touching the line is the other side
    [InlineData(-0.2, -0.1, Comparison.Less, 0, Verdict.Held)]
    [InlineData(0, 0.1, Comparison.Less, 0, Verdict.DidNotHold)]
    [InlineData(-0.1, 0.1, Comparison.Less, 0, Verdict.Inconclusive)]
    public void Verdict_follows_where_the_interval_lies(double low, double high, Comparison comparison, double line, Verdict expected)
    {
        var estimate = new Estimate((low + high) / 2, new Interval(low, high), 3, 0.1, 0.95, IntervalMethod.PairedT);

        Assert.Equal(expected, VerdictRules.Judge(estimate, comparison, line));
    }

    [Fact]
    public void Nothing_measured_or_an_unbounded_interval_is_never_held()
    {
        Assert.Equal(Verdict.Inconclusive, VerdictRules.Judge(Estimate.Nothing(IntervalMethod.T), Comparison.Greater, 0));
        Assert.Equal(Verdict.Inconclusive, VerdictRules.Judge(SeedStatistics.Mean([5.0]), Comparison.Greater, 0));
    }

    [Fact]
    public void A_failed_control_makes_any_verdict_not_testable_here()
    {
        Assert.Equal(Verdict.NotTestableHere, VerdictRules.WithControls(Verdict.Held, [Verdict.Held, Verdict.Inconclusive]));
        Assert.Equal(Verdict.NotTestableHere, VerdictRules.WithControls(Verdict.DidNotHold, [Verdict.DidNotHold]));
        Assert.Equal(Verdict.Held, VerdictRules.WithControls(Verdict.Held, [Verdict.Held]));
        Assert.Equal(Verdict.Inconclusive, VerdictRules.WithControls(Verdict.Inconclusive, []));
    }
}
