using DslRunner.Data;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies.Measures;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Statistics;
using DslRunner.Studies;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Studies;

/// <summary>
/// <c>metric@init</c>: the run metrics of the untrained model, measured on the test split (the text final values are
/// measured on) from the model the run's first step started from; and a study over replicated texts run end to end.
/// </summary>
public sealed class InitMeasureStudyTests
{
    public InitMeasureStudyTests() => TorchRuntime.EnsureLoaded();

    static IExperiment TinyStudy(params string[] overrides) =>
        ConfiguredExperiment.WithOverrides(ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-study"), ["train.steps=4", "seed=2", .. overrides]);

    [Fact]
    public void The_untrained_models_figures_equal_a_direct_evaluation_of_a_fresh_model_with_the_runs_seed()
    {
        using var folder = new TempFolder();
        var experiment = TinyStudy();
        var run = ExperimentRunner.Run(experiment, folder.Path, SilentProgress.Instance);

        var (measures, _) = ArmMeasures.Of(experiment, run.Folder!, [new CapacityAtInit()], SilentProgress.Instance, atInit: true);

        var config = experiment.Config;
        var data = DataPipeline.For(config);
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        using var fresh = config.Model.Build(data.Tokenizer.VocabularySize);
        var direct = EvalProbes.Measure(fresh, config.Eval, config.Train, data.Splits.Test, pruner: null);
        Assert.Equal(direct["loss"], measures["loss@init"]);
        Assert.Equal(direct["capacity"], measures["capacity@init"]);
        // The capacity_init measure, which capacity@init generalises, builds the same model.
        Assert.Equal(measures["capacity_init"], measures["capacity@init"]);
        // Training moved the model: the final test loss is not the untrained one.
        double final = run.Metrics.Last(m => m.Split == "test").Values["loss"];
        Assert.True(final < measures["loss@init"] - 0.01, $"final {final}, init {measures["loss@init"]}");
        var result = new ArmResult(new ArmPlan(new StudyArm("a", "tiny-study", []), 2, config, [], "") { Bound = experiment }, run.Folder, false, run.Metrics, measures, "", TimeSpan.Zero);
        Assert.Equal(measures["loss@init"], result.Value("loss", ValueKind.Init));
        Assert.Equal(final, result.Value("loss", ValueKind.Final));
    }

    [Fact]
    public void A_run_whose_steps_cannot_move_its_weights_ends_where_its_init_figures_start()
    {
        using var folder = new TempFolder();
        // A learning rate of 1e-30 changes no weight in single precision: the run's final model is the one it started from.
        var experiment = TinyStudy("train.optimizer.lr=1e-30");
        var run = ExperimentRunner.Run(experiment, folder.Path, SilentProgress.Instance);

        var (measures, _) = ArmMeasures.Of(experiment, run.Folder!, [], SilentProgress.Instance, atInit: true);

        var test = run.Metrics.Last(m => m.Split == "test").Values;
        Assert.Equal(test["loss"], measures["loss@init"], 6);
        Assert.Equal(test["capacity"], measures["capacity@init"], 6);
    }

    [Fact]
    public void Stored_measures_without_the_untrained_figures_are_completed_when_a_check_needs_them()
    {
        using var folder = new TempFolder();
        var experiment = TinyStudy();
        var run = ExperimentRunner.Run(experiment, folder.Path, SilentProgress.Instance);

        var (before, _) = ArmMeasures.Of(experiment, run.Folder!, [], SilentProgress.Instance);
        var (after, _) = ArmMeasures.Of(experiment, run.Folder!, [], SilentProgress.Instance, atInit: true);

        Assert.DoesNotContain("loss@init", before.Keys);
        Assert.Contains("loss@init", after.Keys);
    }

    [Fact]
    public void A_study_over_two_texts_runs_each_arm_seed_and_text_and_judges_init_checks_over_the_texts()
    {
        using var folder = new TempFolder();
        var learns = new StudyCheck("learns", "Training lowers the test loss from the untrained model's", "", "loss[short] - loss@init[short] < 0",
            new CheckExpression(new DifferenceValue(new MetricValue("loss", "short", ValueKind.Final), new MetricValue("loss", "short", ValueKind.Init)), CheckOperator.Less, 0), []);
        var study = TinyStudyStudy.Definition with
        {
            Arms = [.. TinyStudyStudy.Definition.Arms.Where(a => a.Label == "short")], Seeds = [1, 2], DataSeeds = [42, 43], Controls = [], Claims = [learns],
            // bits_per_byte needs every test character known to a token budget's char tokenizer, which text 43 does not give.
            Measures = ["loss", "capacity"], CodeMeasures = [],
        };
        Assert.True(study.MeasuresInit);

        var report = new DeclaredStudy(study, ExperimentRegistry.All).Run(new StudyContext(Path.Combine(folder.Path, "texts"), SilentProgress.Instance));

        string replicates = report.Sections.Single(s => s.Heading == "Replicates").Text;
        Assert.Contains("data seed 42: verified identical for its 2 runs", replicates);
        Assert.Contains("data seed 43: verified identical for its 2 runs", replicates);
        Assert.Contains("2 distinct test text(s) over the 2 data seed(s)", replicates);
        var runs = report.Sections.Single(s => s.Heading == "Runs").Table!;
        Assert.Equal(["42", "42", "43", "43"], runs.Rows.Select(r => r[1]));
        var claim = report.Sections.Single(s => s.Heading == "Claims").Table!.Rows.Single();
        Assert.Equal("loss[short] - loss@init[short] < 0", claim[1]);
        Assert.Equal("paired t over texts (seed means)", claim[4]);
        Assert.Equal("2", claim[5]);
        Assert.NotEqual(Verdict.NotTestableHere, report.Claims.Single().Verdict);
    }
}
