using DslRunner.Experiments;
using DslRunner.Statistics;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

/// <summary>
/// The study engine's rules against predetermined answers: values that could not have decided a check are "not testable
/// here" (a rate at its ceiling or floor, no spread over the replicates), rates get intervals over replicates, claims are
/// judged under Holm's rule, and figures are rounded to what their interval supports.
/// </summary>
public sealed class StudyRuleTests
{
    static readonly IReadOnlyList<ArmPlan> Plans = StudyPlanner.Plan(TinyStudyStudy.Definition, TinyStudyStudy.Definition.Budget("quick"), ExperimentRegistry.All);

    /// <summary>Results of the tiny study's arms (long, short × seeds 1–3) with the measures <paramref name="values"/> gives.</summary>
    static List<ArmResult> Results(Func<string, int, Dictionary<string, double>> values) =>
        [.. Plans.Select(plan => new ArmResult(plan, null, false, [], values(plan.Arm.Label, plan.Seed), "", TimeSpan.Zero))];

    static Dictionary<string, double> Recall(long recalled, long trials) => new()
    {
        ["recall"] = (double)recalled / trials, [RateCount.SuccessesKey("recall")] = recalled, [RateCount.TrialsKey("recall")] = trials,
    };

    static CheckOutcome JudgeClaim(string source, CheckValue value, CheckOperator op, double line, List<ArmResult> results)
    {
        var claim = new StudyCheck("claim", "", "", source, new CheckExpression(value, op, line), []);
        return CheckEvaluator.Judge(TinyStudyStudy.Definition with { Controls = [], Claims = [claim] }, results).Claims.Single();
    }

    static MetricValue Final(string metric, string arm) => new(metric, arm, ValueKind.Final);

    [Fact]
    public void A_rate_at_its_ceiling_in_every_replicate_is_not_testable_here_and_one_miss_makes_it_testable()
    {
        var ceiling = JudgeClaim("recall[long] > 0.9", Final("recall", "long"), CheckOperator.Greater, 0.9, Results((_, _) => Recall(50, 50)));
        var almost = JudgeClaim("recall[long] > 0.9", Final("recall", "long"), CheckOperator.Greater, 0.9,
            Results((_, seed) => Recall(seed == 2 ? 49 : 50, 50)));
        var floor = JudgeClaim("recall[long] - recall[short] < 0", new DifferenceValue(Final("recall", "long"), Final("recall", "short")),
            CheckOperator.Less, 0, Results((_, _) => Recall(0, 50)));

        Assert.Equal(Verdict.NotTestableHere, ceiling.Verdict);
        Assert.StartsWith("ceiling", ceiling.Untestable);
        Assert.Equal("not testable here (ceiling: every trial a success in every replicate)", ceiling.AdjustedText);
        Assert.Null(almost.Untestable);
        Assert.Equal(Verdict.Held, almost.Verdict); // 1.0, 0.98, 1.0: t interval [0.965, 1.01] over the replicates
        Assert.Equal(IntervalMethod.T, almost.Estimate.Method);
        Assert.Equal(3, almost.Estimate.Count);
        Assert.Equal(Verdict.NotTestableHere, floor.Verdict);
        Assert.StartsWith("floor", floor.Untestable);
    }

    [Fact]
    public void Arms_compared_with_no_spread_over_the_replicates_are_not_testable_here()
    {
        var difference = new DifferenceValue(Final("loss", "long"), Final("loss", "short"));
        var fixedGap = JudgeClaim("loss[long] - loss[short] < 0", difference, CheckOperator.Less, 0,
            Results((arm, seed) => new() { ["loss"] = arm == "long" ? 2.0 + seed : 2.5 + seed }));
        var varyingGap = JudgeClaim("loss[long] - loss[short] < 0", difference, CheckOperator.Less, 0,
            Results((arm, seed) => new() { ["loss"] = arm == "long" ? 2.0 + seed : 2.5 + seed * 1.01 }));

        Assert.Equal(Verdict.NotTestableHere, fixedGap.Verdict);
        Assert.StartsWith("no spread", fixedGap.Untestable);
        Assert.Equal(Verdict.Held, varyingGap.Verdict);
    }

    [Fact]
    public void A_control_or_mechanism_check_of_what_the_design_fixes_is_exact_when_every_replicate_gives_the_same_value()
    {
        // A size the design fixes (the same in every replicate): a finding cannot be decided by it, a control or a
        // mechanism check is decided by its side of the line.
        var sizes = Results((arm, _) => new() { ["size"] = arm == "long" ? 1000 : 1200 });
        var difference = new DifferenceValue(Final("size", "long"), Final("size", "short"));
        var control = new StudyCheck("control", "", "", "", new CheckExpression(difference, CheckOperator.Less, 0), []);
        var mechanism = control with { Id = "mechanism", Kind = ClaimKind.Mechanism };
        var wrongSide = control with { Id = "wrong", Check = new CheckExpression(difference, CheckOperator.Greater, 0) };

        var (controls, claims) = CheckEvaluator.Judge(TinyStudyStudy.Definition with { Controls = [control, wrongSide], Claims = [mechanism] }, sizes);

        Assert.Equal(Verdict.Held, controls[0].Verdict);
        Assert.Null(controls[0].Untestable);
        Assert.Equal(Verdict.DidNotHold, controls[1].Verdict);
        Assert.Equal(Verdict.Held, claims.Single().Verdict);
        Assert.Equal(Verdict.NotTestableHere, JudgeClaim("size[long] - size[short] < 0", difference, CheckOperator.Less, 0, sizes).Verdict);
    }

    [Fact]
    public void One_sided_p_values_match_closed_forms()
    {
        // t with 2 degrees of freedom: P(T > t) = (1 − t/√(t² + 2))/2; mean 2, sd 1, n 3 gives t = 2√3.
        var mean = SeedStatistics.Mean([1, 2, 3]);
        double t = 2 / (1 / Math.Sqrt(3));
        Assert.Equal((1 - t / Math.Sqrt(t * t + 2)) / 2, Multiplicity.OneSidedP(mean, Comparison.Greater, 0), 10);
        Assert.Equal(1 - (1 - t / Math.Sqrt(t * t + 2)) / 2, Multiplicity.OneSidedP(mean, Comparison.Less, 0), 10);
        // The score test of 60/100 against 0.5: z = 2, P(Z > 2) = 0.0227501319.
        Assert.Equal(0.0227501319, Multiplicity.OneSidedP(Wilson.Rate(60, 100), Comparison.Greater, 0.5), 9);
    }

    [Fact]
    public void Holms_rule_keeps_a_decision_only_while_each_p_value_meets_its_stepped_bound()
    {
        // m = 3: bounds 0.025/3, 0.025/2, 0.025 for the smallest p first.
        Assert.Equal([Verdict.Held, Verdict.Held, Verdict.DidNotHold],
            Multiplicity.Holm([(Verdict.Held, 0.001), (Verdict.Held, 0.02), (Verdict.DidNotHold, 0.009)]));
        // 0.02 misses 0.025/2 once 0.0001 took the first bound; the inconclusive claim still counts in m.
        Assert.Equal([Verdict.Inconclusive, Verdict.Inconclusive, Verdict.Held],
            Multiplicity.Holm([(Verdict.Held, 0.02), (Verdict.Inconclusive, 0.3), (Verdict.Held, 0.0001)]));
        // A claim that is not testable here is no test: it does not count.
        Assert.Equal([Verdict.Held, Verdict.NotTestableHere], Multiplicity.Holm([(Verdict.Held, 0.02), (Verdict.NotTestableHere, double.NaN)]));
    }

    [Fact]
    public void Mechanism_checks_are_outside_the_multiplicity_family()
    {
        // loss[long] − loss[short] is −1, −1.3572, −0.6428: paired t = 4.85 on 2 degrees of freedom, one-sided p ≈ 0.02 —
        // enough alone (0.025), not against 0.025/2 if a second claim shared the family.
        double[] gap = [-1, -1.3572, -0.6428];
        double[] capacityGap = [0.1, -0.1, 0.05];
        var results = Results((arm, seed) => new()
        {
            ["loss"] = arm == "long" ? 3 + gap[seed - 1] : 3,
            ["capacity"] = arm == "long" ? 0.5 + capacityGap[seed - 1] : 0.5,
        });
        var finding = new StudyCheck("shorter-loss", "", "", "", new CheckExpression(
            new DifferenceValue(Final("loss", "long"), Final("loss", "short")), CheckOperator.Less, 0), []);
        var other = new StudyCheck("capacity-up", "", "", "", new CheckExpression(
            new DifferenceValue(Final("capacity", "long"), Final("capacity", "short")), CheckOperator.Greater, 0), []);
        StudyDefinition Study(ClaimKind otherKind) => TinyStudyStudy.Definition with { Controls = [], Claims = [finding, other with { Kind = otherKind }] };

        var asMechanism = CheckEvaluator.Judge(Study(ClaimKind.Mechanism), results).Claims;
        var asFinding = CheckEvaluator.Judge(Study(ClaimKind.Finding), results).Claims;

        Assert.Equal(0.02, asMechanism[0].P, 3);
        Assert.Equal(Verdict.Held, asMechanism[0].Adjusted);
        Assert.Equal(Verdict.Inconclusive, asFinding[0].Adjusted);
        Assert.Equal(Verdict.Held, asFinding[0].Verdict);
    }

    [Fact]
    public void Figures_are_rounded_to_two_significant_digits_of_their_intervals_half_width()
    {
        var estimate = new Estimate(1.2456, new Interval(1.2345, 1.2567), 3, 0.01, 0.95, IntervalMethod.T);

        Assert.Equal("1.246", Numbers.Supported(1.2456, estimate));
        Assert.Equal("[1.234, 1.257]", Numbers.SupportedInterval(estimate));
        Assert.Equal("12", Numbers.Supported(12.3, new Estimate(12.3, new Interval(2, 22), 3, 5, 0.95, IntervalMethod.T)));
        Assert.Equal("0.7918", Numbers.Supported(0.7918, new Estimate(0.7918, Interval.Unbounded, 1, double.NaN, 0.95, IntervalMethod.T)));
        // The same 0.8 in every replicate leaves an interval of rounding width: no spread, and no twelfth decimal.
        var rounding = new Estimate(0.8, new Interval(0.8 - 1e-16, 0.8 + 1e-16), 3, 1e-16, 0.95, IntervalMethod.T);
        Assert.Equal("0.8", Numbers.Supported(0.8, rounding));
        Assert.Equal("[0.8, 0.8]", Numbers.SupportedInterval(rounding));
    }
}
