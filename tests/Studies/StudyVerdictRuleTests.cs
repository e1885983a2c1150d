using DslRunner.Experiments;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Statistics;
using DslRunner.Studies;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Studies;

/// <summary>
/// How a study's verdicts are reached when more than one thing could move them: the declared multiplicity rule over the
/// findings (Holm, Bonferroni, none), and replicated texts (data_seeds) as a second factor beside the replicate seeds.
/// </summary>
public sealed class StudyVerdictRuleTests
{
    static readonly StudyDefinition Tiny = TinyStudyStudy.Definition;

    static MetricValue Final(string metric, string arm) => new(metric, arm, ValueKind.Final);

    static StudyCheck Claim(string id, CheckValue value, CheckOperator op, double line) => new(id, id, "", value.ToString()!, new CheckExpression(value, op, line), []);

    // loss[long] − loss[short] over seeds 1–3 is −1, −1.3572, −0.6428: against 0 the one-sided p is ≈ 0.020, against 0.5 ≈ 0.0092.
    static readonly double[] Gap = [-1, -1.3572, -0.6428];
    static readonly double[] CapacityGap = [0.1, -0.1, 0.05];

    static List<ArmResult> Results(StudyDefinition study) =>
        [.. StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All).Select(plan => new ArmResult(plan, null, false, [], new Dictionary<string, double>
        {
            ["loss"] = plan.Arm.Label == "long" ? 3 + Gap[plan.Seed - 1] : 3,
            ["capacity"] = plan.Arm.Label == "long" ? 0.5 + CapacityGap[plan.Seed - 1] : 0.5,
        }, "", TimeSpan.Zero))];

    static readonly StudyCheck Lower = Claim("lower", new DifferenceValue(Final("loss", "long"), Final("loss", "short")), CheckOperator.Less, 0);
    static readonly StudyCheck MuchLower = Claim("much-lower", new DifferenceValue(Final("loss", "long"), Final("loss", "short")), CheckOperator.Less, 0.5);
    static readonly StudyCheck CapacityUp = Claim("capacity-up", new DifferenceValue(Final("capacity", "long"), Final("capacity", "short")), CheckOperator.Greater, 0);

    static Verdict[] Adjusted(MultiplicityRule rule, params StudyCheck[] claims)
    {
        var study = Tiny with { Controls = [], Claims = claims, Multiplicity = rule };
        return [.. CheckEvaluator.Judge(study, Results(study)).Claims.Select(c => c.Adjusted)];
    }

    [Fact]
    public void Bonferroni_keeps_a_decision_only_when_p_times_m_is_within_the_bound_and_none_keeps_every_raw_verdict()
    {
        (Verdict, double)[] claims = [(Verdict.Held, 0.001), (Verdict.DidNotHold, 0.02), (Verdict.NotTestableHere, double.NaN)];

        // m = 2 (not testable here is no test): 0.001·2 ≤ 0.025 stands, 0.02·2 > 0.025 does not; Holm's second bound is 0.025.
        Assert.Equal([Verdict.Held, Verdict.Inconclusive, Verdict.NotTestableHere], Multiplicity.Adjust(MultiplicityRule.Bonferroni, claims));
        Assert.Equal([Verdict.Held, Verdict.DidNotHold, Verdict.NotTestableHere], Multiplicity.Adjust(MultiplicityRule.Holm, claims));
        Assert.Equal([Verdict.Held, Verdict.Inconclusive], Multiplicity.Adjust(MultiplicityRule.None, [(Verdict.Held, 0.4), (Verdict.Inconclusive, 0.3)]));
        Assert.Equal([Verdict.Inconclusive, Verdict.Inconclusive], Multiplicity.Adjust(MultiplicityRule.Holm, [(Verdict.Held, 0.02), (Verdict.Inconclusive, 0.3)]));
        Assert.Equal(2, Multiplicity.FamilySize(claims.Select(c => c.Item1)));
    }

    [Fact]
    public void The_evaluator_judges_the_findings_under_the_studys_declared_rule()
    {
        // p ≈ 0.020 and 0.0092: Holm's bounds 0.0125 then 0.025 keep both; Bonferroni's 0.0125 keeps only the second.
        Assert.Equal([Verdict.Held, Verdict.Held], Adjusted(MultiplicityRule.Holm, Lower, MuchLower));
        Assert.Equal([Verdict.Inconclusive, Verdict.Held], Adjusted(MultiplicityRule.Bonferroni, Lower, MuchLower));
        Assert.Equal([Verdict.Held, Verdict.Held], Adjusted(MultiplicityRule.None, Lower, MuchLower));
        // Beside an inconclusive finding, 0.020 misses Holm's first bound 0.0125; without a correction it stands.
        Assert.Equal([Verdict.Inconclusive, Verdict.Inconclusive], Adjusted(MultiplicityRule.Holm, Lower, CapacityUp));
        Assert.Equal([Verdict.Held, Verdict.Inconclusive], Adjusted(MultiplicityRule.None, Lower, CapacityUp));
    }

    static StudyReport Report(StudyDefinition study, TempFolder folder)
    {
        var results = Results(study);
        var (controls, claims) = CheckEvaluator.Judge(study, results);
        return DeclaredStudyReport.Build(study, study.Budget("quick"), results, controls, claims, new MachineLoad(2, "—", "—", TimeSpan.Zero),
            new StudyContext(folder.Path, SilentProgress.Instance));
    }

    static StudySection Section(StudyReport report, string heading) => report.Sections.Single(s => s.Heading == heading);

    [Fact]
    public void The_report_states_the_rule_used_and_the_family_size()
    {
        TorchRuntime.EnsureLoaded();
        using var folder = new TempFolder();
        var bonferroni = Report(Tiny with { Controls = [], Claims = [Lower, MuchLower], Multiplicity = MultiplicityRule.Bonferroni }, folder);
        var none = Report(Tiny with { Controls = [], Claims = [Lower, CapacityUp], Multiplicity = MultiplicityRule.None }, folder);
        var holm = Report(Tiny with { Controls = [], Claims = [Lower, MuchLower, CapacityUp] }, folder);

        Assert.Contains("Multiplicity: Bonferroni's rule over the study's findings", Section(bonferroni, "Claims").Text);
        Assert.Contains("family size m = 2 of 2 finding(s)", Section(bonferroni, "Claims").Text);
        Assert.Equal("verdict (Bonferroni)", Section(bonferroni, "Claims").Table!.Headers[^1]);
        Assert.Contains("Verdicts under Bonferroni's rule over a family of 2 finding(s).", bonferroni.Summary);
        Assert.Contains("held alone, inconclusive under Bonferroni's rule", bonferroni.Claims[0].Reason);
        Assert.Equal(Verdict.Inconclusive, bonferroni.Claims[0].Verdict);

        Assert.Contains("Multiplicity: no correction (declared multiplicity: none)", Section(none, "Claims").Text);
        Assert.Equal("verdict (no correction)", Section(none, "Claims").Table!.Headers[^1]);
        Assert.Contains("Verdicts under no multiplicity correction over a family of 2 finding(s).", none.Summary);
        Assert.Equal(Verdict.Held, none.Claims[0].Verdict);

        Assert.Contains("Multiplicity: Holm's step-down rule", Section(holm, "Claims").Text);
        Assert.Contains("family size m = 3 of 3 finding(s)", Section(holm, "Claims").Text);
        Assert.Equal("verdict (Holm)", Section(holm, "Claims").Table!.Headers[^1]);
    }

    // ---- data_seeds: texts replicated beside seeds ----

    static readonly StudyDefinition TwoTexts = Tiny with { DataSeeds = [42, 43] };

    [Fact]
    public void Data_seeds_make_every_trained_arm_times_seed_times_data_seed_a_run_of_its_own_text()
    {
        var plans = StudyPlanner.Plan(TwoTexts, TwoTexts.Budget("quick"), ExperimentRegistry.All);
        var single = StudyPlanner.Plan(Tiny, Tiny.Budget("quick"), ExperimentRegistry.All);

        Assert.Equal(12, plans.Count);
        Assert.Equal(6, single.Count);
        Assert.All(plans, p => Assert.Equal(p.DataSeed, (int?)p.Config.Data.Seed));
        Assert.All(plans, p => Assert.Equal($"data.seed={p.DataSeed}", p.Overrides[^1]));
        Assert.Equal([42, 43], plans.Select(p => p.DataSeed!.Value).Distinct().Order());
        Assert.Equal(12, plans.Select(p => p.ConfigHash).Distinct().Count());
        Assert.All(single, p => Assert.Null(p.DataSeed));
    }

    /// <summary>loss of arm long: 2 + 0.5·(text 43) + 0.01·seed; arm short: 0.3 above it plus 0.02·seed.</summary>
    static List<ArmResult> TextResults(StudyDefinition study) =>
        [.. StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All).Select(plan => new ArmResult(plan, null, false, [], new Dictionary<string, double>
        {
            ["loss"] = 2 + (plan.DataSeed == 43 ? 0.5 : 0) + 0.01 * plan.Seed + (plan.Arm.Label == "short" ? 0.3 + 0.02 * plan.Seed : 0),
        }, "", TimeSpan.Zero))];

    [Fact]
    public void Over_replicated_texts_the_interval_is_a_t_interval_over_the_texts_means_of_their_seeds()
    {
        var level = Claim("level", Final("loss", "long"), CheckOperator.Less, 3);
        var gap = Claim("gap", new DifferenceValue(Final("loss", "long"), Final("loss", "short")), CheckOperator.Less, 0);
        var study = TwoTexts with { Controls = [], Claims = [level, gap] };

        var claims = CheckEvaluator.Judge(study, TextResults(study)).Claims;

        // Text 42: long 2.01, 2.02, 2.03 → 2.02; text 43: 2.52. A t interval over the two means.
        var expected = SeedStatistics.Mean([2.02, 2.52]);
        Assert.Equal(2, claims[0].Estimate.Count);
        Assert.Equal(expected.Value, claims[0].Estimate.Value, 12);
        Assert.Equal(expected.Interval.Low, claims[0].Estimate.Interval.Low, 12);
        Assert.Equal(expected.Interval.High, claims[0].Estimate.Interval.High, 12);
        Assert.Equal("t over texts (seed means)", claims[0].Estimate.MethodText);
        // Treating the six runs as six seeds would give an interval about ten times narrower.
        Assert.True(claims[0].Estimate.Interval.Width > 5 * SeedStatistics.Mean(TextResults(study).Where(r => r.Plan.Arm.Label == "long")
            .Select(r => r.Value("loss", ValueKind.Final))).Interval.Width);
        // Paired by (seed, data seed): differences −0.32, −0.34, −0.36 on each text, so both texts' means are −0.34.
        Assert.Equal(-0.34, claims[1].Estimate.Value, 12);
        Assert.Equal(2, claims[1].Estimate.Count);
        Assert.Equal("paired t over texts (seed means)", claims[1].Estimate.MethodText);
    }

    [Fact]
    public void The_report_says_what_replicates_vary_and_hold_fixed_and_how_texts_and_seeds_combine()
    {
        TorchRuntime.EnsureLoaded();
        using var folder = new TempFolder();
        var level = Claim("level", Final("loss", "long"), CheckOperator.Less, 3);
        var oneText = Tiny with { Controls = [], Claims = [level] };
        var twoTexts = TwoTexts with { Controls = [], Claims = [level] };
        StudyReport Of(StudyDefinition study)
        {
            var results = TextResults(study);
            var (controls, claims) = CheckEvaluator.Judge(study, results);
            return DeclaredStudyReport.Build(study, study.Budget("quick"), results, controls, claims, new MachineLoad(2, "—", "—", TimeSpan.Zero),
                new StudyContext(folder.Path, SilentProgress.Instance));
        }

        var single = Of(oneText);
        var replicated = Of(twoTexts);

        string fixedText = Section(single, "Replicates").Text;
        Assert.Contains("drives the initial weights, the batch order", fixedText);
        Assert.Contains("is fixed by data.seed (42) and does not vary with the replicate", fixedText);
        Assert.DoesNotContain("data seed", Section(single, "Runs").Table!.Headers);
        string texts = Section(replicated, "Replicates").Text;
        Assert.Contains("Data seeds (data_seeds) 42, 43: each one sets data.seed, which draws the corpus text, the tokenizer, the splits", texts);
        Assert.Contains("the 95 % interval is a t interval over the texts' means (n = the number of texts, 1 degree(s) of freedom)", texts);
        Assert.Contains("data seed", Section(replicated, "Runs").Table!.Headers);
        Assert.Contains("× 2 texts (data seeds)", replicated.Summary);
    }
}
