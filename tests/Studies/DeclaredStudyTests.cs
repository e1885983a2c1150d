using DslRunner.Experiments;
using DslRunner.Experiments.Studies;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Statistics;
using DslRunner.Studies;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Studies;

/// <summary>The pinned tiny study run end to end: claim table pinned, controls gate claims, finished runs reused.</summary>
public sealed class DeclaredStudyTests
{
    public DeclaredStudyTests() => TorchRuntime.EnsureLoaded();

    static StudyContext Context(TempFolder folder, string name = "tiny-study") =>
        new(Path.Combine(folder.Path, name), SilentProgress.Instance);

    [Fact]
    public void The_tiny_study_reports_its_claims_with_intervals_and_reuses_its_runs_the_second_time()
    {
        using var folder = new TempFolder();
        var context = Context(folder);
        var study = new DeclaredStudy(TinyStudyStudy.Definition, ExperimentRegistry.All);

        var first = study.Run(context);
        var second = study.Run(context);

        Snapshot.Match(ClaimTable(first), "Studies/TinyStudy.claims.verified.md");
        Assert.Equal(ClaimTable(first), ClaimTable(second));
        Assert.Contains("0 of 6 runs were reused", Section(first, "Runs").Text);
        Assert.Contains("6 of 6 runs were reused", Section(second, "Runs").Text);
        Assert.Contains("verified identical for all 6 runs", Section(first, "Replicates").Text);
        string markdown = File.ReadAllText(StudyReportWriter.Write(first, context.Folder));
        foreach (string plot in new[] { "forest.png", "curve_loss.png", "curve_capacity.png" })
        {
            Assert.Contains($"]({plot})", markdown);
            Assert.True(new FileInfo(Path.Combine(context.Folder, plot)).Length > 1000, $"{plot} is missing or empty");
        }
    }

    [Fact]
    public void A_crippled_arm_fails_its_control_and_the_claims_that_need_it_are_not_testable_here()
    {
        using var folder = new TempFolder();
        // One optimizer step: one validation, so the long arm's loss cannot fall between its first and last.
        var crippled = TinyStudyStudy.Definition with
        {
            Arms = [.. TinyStudyStudy.Definition.Arms.Select(a => a.Label == "long" ? a with { Overrides = ["train.steps=1", "train.schedule.warmup=0"] } : a)],
        };

        var report = new DeclaredStudy(crippled, ExperimentRegistry.All).Run(Context(folder));

        Assert.Equal(Verdict.NotTestableHere, report.Claims.Single(c => c.Claim.StartsWith("Four times", StringComparison.Ordinal)).Verdict);
        Assert.Equal(Verdict.NotTestableHere, report.Claims.Single(c => c.Claim.StartsWith("Training lowers C", StringComparison.Ordinal)).Verdict);
        Assert.NotEqual(Verdict.NotTestableHere, report.Claims.Single(c => c.Claim.StartsWith("The long arm ends", StringComparison.Ordinal)).Verdict);
        Assert.Contains("| long-learns |", ClaimTableOf(report, "Controls"));
        // One validation: loss@last − loss@start is 0 in every replicate, exactly: the control that the arm learns did not hold.
        Assert.Matches(@"\| long-learns \|[^\n]*\| did not hold \|", ClaimTableOf(report, "Controls"));
    }

    [Fact]
    public void The_report_names_what_a_budget_sets_for_one_arm()
    {
        using var folder = new TempFolder();
        var context = Context(folder) with { BudgetName = "shorter" };
        var report = new DeclaredStudy(TinyStudyStudy.Definition, ExperimentRegistry.All).Run(context);

        Assert.Contains("overrides applied to every arm: train.steps=8; to arm short (and the arms decoding from it): train.steps=2.", Section(report, "Runs").Text);
        Assert.Contains("train.steps=4, data.train_tokens=1000 (budget 'shorter': train.steps=2)", ClaimTableOf(report, "Arms"));
    }

    [Fact]
    public void A_budget_changes_what_runs_and_an_unknown_budget_is_refused()
    {
        var study = new DeclaredStudy(TinyStudyStudy.Definition, ExperimentRegistry.All);
        var quick = StudyPlanner.Plan(study.Definition, study.Definition.Budget("quick"), ExperimentRegistry.All);
        var shorter = StudyPlanner.Plan(study.Definition, study.Definition.Budget("shorter"), ExperimentRegistry.All);

        Assert.Equal(6, quick.Count);
        Assert.Equal([16, 16, 16, 4, 4, 4], quick.Select(p => p.Config.Train.Steps));
        // The budget's overrides come last, and those it sets for one arm after its own.
        Assert.Equal([8, 8, 8, 2, 2, 2], shorter.Select(p => p.Config.Train.Steps));
        Assert.Equal(["train.steps=4", "data.train_tokens=1000", "train.steps=8", "train.steps=2"], shorter[3].Overrides);
        Assert.Equal([1, 2, 3, 1, 2, 3], quick.Select(p => p.Config.Seed));
        Assert.All(quick, p => Assert.Equal(42, p.Config.Data.Seed));
        Assert.Equal(1000, quick[3].Config.Data.TrainTokens);
        Assert.Equal(["quick", "shorter"], study.BudgetNames);
        Assert.Throws<ArgumentException>(() => study.Definition.Budget("huge"));
    }

    [Fact]
    public void Rates_get_a_t_interval_over_replicates_with_pooled_Wilson_beside_and_a_rate_at_its_floor_decides_nothing()
    {
        using var folder = new TempFolder();

        var report = new DeclaredStudy(TinyRecallStudy.Definition, ExperimentRegistry.All).Run(Context(folder, "tiny-recall"));

        Snapshot.Match(ClaimTable(report), "Studies/TinyRecall.claims.verified.md");
        Assert.Equal(Verdict.NotTestableHere, report.Claims.Single(c => c.Claim.StartsWith("The usable distance", StringComparison.Ordinal)).Verdict);
        // No replicate recalled anything at 48: "below 0.5" could not have failed, so it is not a finding.
        Assert.Equal(Verdict.NotTestableHere, report.Claims.Single(c => c.Claim.StartsWith("Recall at 48", StringComparison.Ordinal)).Verdict);
        // The check's interval is over the 3 replicates' rates; the arm table keeps the 300 pooled probes' Wilson interval.
        Assert.Contains("| t over seeds | 3 |", ClaimTableOf(report, "Controls"));
        Assert.Contains("(Wilson, 300 trials, seed sd", Section(report, "Arms").Table!.Rows.Single()[4]);
        Assert.Contains(report.Sections.Single(s => s.Heading == "Plots").Figures!, f => f.File == "rates.png");
    }

    [Fact]
    public void A_rate_is_the_pooled_count_with_Wilsons_interval_and_other_metrics_are_not_rates()
    {
        var plans = StudyPlanner.Plan(TinyStudyStudy.Definition, TinyStudyStudy.Definition.Budget("quick"), ExperimentRegistry.All)
            .Where(p => p.Arm.Label == "long").ToList();
        var results = plans.Zip([45, 48, 47], (plan, recalled) => new ArmResult(plan, null, false, [], new Dictionary<string, double>
        {
            ["recall"] = recalled / 50.0, [RateCount.SuccessesKey("recall")] = recalled, [RateCount.TrialsKey("recall")] = 50, ["loss"] = 1,
        }, "", TimeSpan.Zero)).ToList();

        var rate = CheckEvaluator.Rate(results, new MetricValue("recall", "long", ValueKind.Final))!;

        // 140 of 150: p = 0.93333, Wilson 95 % [0.88164, 0.96339] by hand; per-seed rates 0.90, 0.96, 0.94 have sd 0.03055.
        Assert.Equal(IntervalMethod.Wilson, rate.Method);
        Assert.Equal(140 / 150.0, rate.Value, 12);
        Assert.Equal(0.88164, rate.Interval.Low, 5);
        Assert.Equal(0.96339, rate.Interval.High, 5);
        Assert.Equal(150, rate.Count);
        Assert.Equal(0.03055, rate.Spread, 5);
        Assert.Null(CheckEvaluator.Rate(results, new MetricValue("loss", "long", ValueKind.Final)));
        Assert.Null(CheckEvaluator.Rate(results, new MetricValue("recall", "long", ValueKind.Last)));
    }

    [Fact]
    public void An_equality_of_two_arms_holds_only_when_every_paired_seed_gives_exactly_the_same_value()
    {
        var plans = StudyPlanner.Plan(TinyStudyStudy.Definition, TinyStudyStudy.Definition.Budget("quick"), ExperimentRegistry.All).ToList();
        var same = new StudyCheck("same-bytes", "", "", "bytes[long] - bytes[short] == 0", new CheckExpression(
            new DifferenceValue(new MetricValue("bytes", "long", ValueKind.Final), new MetricValue("bytes", "short", ValueKind.Final)), CheckOperator.Equal, 0), []);
        var study = TinyStudyStudy.Definition with { Controls = [same], Claims = [] };
        List<ArmResult> Results(double shortOnSeed3) => [.. plans.Select(plan => new ArmResult(plan, null, false, [], new Dictionary<string, double>
        {
            ["bytes"] = plan.Arm.Label == "short" && plan.Seed == 3 ? shortOnSeed3 : 1000,
        }, "", TimeSpan.Zero))];

        Assert.Equal(Verdict.Held, CheckEvaluator.Judge(study, Results(1000)).Controls.Single().Verdict);
        Assert.Equal(Verdict.DidNotHold, CheckEvaluator.Judge(study, Results(999)).Controls.Single().Verdict);
    }

    static StudySection Section(StudyReport report, string heading) => report.Sections.Single(s => s.Heading == heading);

    static string ClaimTable(StudyReport report) => ClaimTableOf(report, "Claims") + "\n" + ClaimTableOf(report, "Controls");

    static string ClaimTableOf(StudyReport report, string heading)
    {
        var table = Section(report, heading).Table!;
        return string.Join("\n", new[] { "| " + string.Join(" | ", table.Headers) + " |" }
            .Concat(table.Rows.Select(r => "| " + string.Join(" | ", r) + " |"))) + "\n";
    }
}
