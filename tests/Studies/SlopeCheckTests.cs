using DslRunner.Experiments;
using DslRunner.Statistics;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

/// <summary><c>slope(y, x)[a, b, …]</c>: how one measure scales with another across a grid of arms, with the replicate as the unit.</summary>
public sealed class SlopeCheckTests
{
    static readonly StudyDefinition Study = TinyDecodingStudy.Definition;
    static readonly IReadOnlyList<ArmPlan> Plans = StudyPlanner.Plan(Study, Study.Budget("quick"), ExperimentRegistry.All);
    static readonly SlopeValue YOnX = new("y", "x", ["model", "greedy", "top-p"]);
    static readonly Dictionary<string, double> X = new() { ["model"] = 1, ["greedy"] = 2, ["top-p"] = 4 };

    static List<ArmResult> Results(Func<string, int, double> y) =>
        [.. Plans.Select(plan => new ArmResult(plan, null, false, [], new Dictionary<string, double> { ["x"] = X[plan.Arm.Label], ["y"] = y(plan.Arm.Label, plan.Seed) }, "", TimeSpan.Zero))];

    static CheckOutcome Judge(CheckOperator op, double line, List<ArmResult> results)
    {
        var claim = new StudyCheck("scales", "", "", YOnX.ToString(), new CheckExpression(YOnX, op, line), []);
        return CheckEvaluator.Judge(Study with { Controls = [], Claims = [claim] }, results).Claims.Single();
    }

    [Fact]
    public void The_fit_is_least_squares_and_undefined_where_x_does_not_vary()
    {
        Assert.Equal(2, SlopeValue.Fit([(1, 3), (2, 5), (4, 9)]), 12);
        // y = 1, 3, 2 over x = 0, 1, 2: Σ(x − 1)(y − 2) = 1, Σ(x − 1)² = 2.
        Assert.Equal(0.5, SlopeValue.Fit([(0, 1), (1, 3), (2, 2)]), 12);
        Assert.Equal(double.NaN, SlopeValue.Fit([(1, 1), (1, 2), (1, 3)]));
        Assert.Equal(2, SlopeValue.Fit([(1, 3), (2, 5), (double.NaN, 0), (4, 9)]), 12);
    }

    [Fact]
    public void Each_replicate_gives_one_slope_and_the_interval_is_over_replicates()
    {
        // Slopes 1.9, 2.0 and 2.1 in seeds 1–3 (y = s·x + seed), mean 2 with a t interval over three replicates.
        var outcome = Judge(CheckOperator.Greater, 1, Results((arm, seed) => (1.8 + 0.1 * seed) * X[arm] + seed));

        Assert.Equal(2, outcome.Estimate.Value, 9);
        Assert.Equal(3, outcome.Estimate.Count);
        Assert.Equal(IntervalMethod.T, outcome.Estimate.Method);
        Assert.Equal(2 - 4.302653 * 0.1 / Math.Sqrt(3), outcome.Estimate.Interval.Low, 5);
        Assert.Equal(Verdict.Held, outcome.Verdict);
        Assert.Equal(Verdict.DidNotHold, Judge(CheckOperator.Greater, 3, Results((arm, seed) => (1.8 + 0.1 * seed) * X[arm])).Verdict);
        Assert.Equal(Verdict.Inconclusive, Judge(CheckOperator.Less, 2, Results((arm, seed) => (1.8 + 0.1 * seed) * X[arm])).Verdict);
    }

    [Fact]
    public void The_same_slope_in_every_replicate_is_not_testable_here()
    {
        var outcome = Judge(CheckOperator.Greater, 1, Results((arm, _) => 2 * X[arm]));

        Assert.Equal(Verdict.NotTestableHere, outcome.Verdict);
        Assert.StartsWith("no spread", outcome.Untestable);
    }

    [Fact]
    public void A_slope_reads_both_measures_at_every_arm_and_prints_as_written() =>
        Assert.Equal(("slope(y, x)[model, greedy, top-p]", 6), (YOnX.ToString(), YOnX.Metrics.Count()));
}
