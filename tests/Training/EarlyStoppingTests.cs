using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Training;

/// <summary><c>train.early_stopping</c> and <c>train.keep_best</c>: when training stops, which weights the run ends with, and resume.</summary>
public sealed class EarlyStoppingTests
{
    static IEnumerable<string> Deterministic(IEnumerable<MetricsRecord> metrics) =>
        metrics.Select(m => $"{m.Step} {m.Split} " + string.Join(" ",
            m.Values.Where(v => !MetricsComparison.IsTiming(v.Key)).Select(v => $"{v.Key}={v.Value:R}")));

    /// <summary>Higher loss counts as better, so the best evaluation comes early and patience runs out well before the end.</summary>
    static ExperimentConfig Watched(bool keepBest)
    {
        var tiny = TestExperiment.Tiny(seed: 5, steps: 80);
        return tiny with { Train = tiny.Train with { EarlyStopping = new EarlyStoppingConfig("loss", StoppingMode.Max, Patience: 3, MinDelta: 0), KeepBest = keepBest } };
    }

    static int ArgBest(IEnumerable<EvalPoint> evaluations) => evaluations.MaxBy(e => e.Loss)!.Step;

    [Fact]
    public void The_watch_counts_evaluations_without_an_improvement_beyond_min_delta()
    {
        var watch = ValidationWatch.For(TestExperiment.Tiny().Train with { EarlyStopping = new EarlyStoppingConfig("perplexity", StoppingMode.Min, 2, MinDelta: 0.5) })!;

        Assert.True(watch.Observe(10, new Dictionary<string, double> { ["perplexity"] = 10 }));
        Assert.False(watch.Observe(20, new Dictionary<string, double> { ["perplexity"] = 9.5 }));   // 0.5 is not more than min_delta
        Assert.True(watch.Observe(30, new Dictionary<string, double> { ["perplexity"] = 9 }));
        Assert.False(watch.Observe(40, new Dictionary<string, double> { ["perplexity"] = 11 }));
        Assert.False(watch.ShouldStop);
        Assert.False(watch.Observe(50, new Dictionary<string, double> { ["perplexity"] = 8.9 }));
        Assert.True(watch.ShouldStop);
        Assert.Equal(30, watch.BestStep);
        Assert.Null(ValidationWatch.For(TestExperiment.Tiny().Train));
        Assert.Throws<InvalidOperationException>(() => watch.Observe(60, new Dictionary<string, double> { ["loss"] = 1 }));
    }

    [Fact]
    public void Early_stopping_ends_training_when_patience_runs_out_and_the_last_weights_stay()
    {
        using var runs = new TempFolder();

        var outcome = ExperimentRunner.Run(new TestExperiment(Watched(keepBest: false)), runs.Path, SilentProgress.Instance);

        int best = ArgBest(outcome.Training.Evaluations);
        int stopped = outcome.Training.Evaluations[^1].Step;
        Assert.Equal(best + 3 * 10, stopped);
        Assert.True(stopped < 80);
        Assert.Equal(stopped, outcome.Training.TrainLosses.Count);
        Assert.DoesNotContain(outcome.Metrics, m => m.Split == "train" && m.Step > stopped);
        Assert.Equal(stopped, outcome.Metrics.Single(m => m.Split == "test").Step);
        var manifest = RunManifest.Read(outcome.Folder!);
        Assert.Equal(stopped, manifest.Results["stopped_at_step"]);
        Assert.False(manifest.Results.ContainsKey("kept_step"));
        Assert.Equal(outcome.Training.Evaluations[^1].Loss, manifest.Results["validation/loss"]);
        Assert.Equal(stopped, TrainingCheckpoint.ReadStep(Path.Combine(outcome.Folder!, TrainingCheckpoint.FileName)));
    }

    [Fact]
    public void Keep_best_ends_with_the_best_evaluations_weights_in_the_model_the_results_and_the_checkpoint()
    {
        using var runs = new TempFolder();
        var tiny = TestExperiment.Tiny(seed: 5, steps: 40);
        var lossOnly = tiny with { Train = tiny.Train with { KeepBest = true } };

        var watched = ExperimentRunner.Run(new TestExperiment(Watched(keepBest: true)), runs.Path, SilentProgress.Instance);
        var byLoss = ExperimentRunner.Run(new TestExperiment(lossOnly), null, SilentProgress.Instance);
        var last = ExperimentRunner.Run(new TestExperiment(tiny), null, SilentProgress.Instance);

        int kept = ArgBest(watched.Training.Evaluations);
        Assert.Equal(kept, watched.Training.KeptStep);
        var manifest = RunManifest.Read(watched.Folder!);
        Assert.Equal(kept, manifest.Results["kept_step"]);
        Assert.Equal(watched.Training.Evaluations.Single(e => e.Step == kept).Loss, manifest.Results["validation/loss"]);
        Assert.Equal(kept, TrainingCheckpoint.ReadStep(Path.Combine(watched.Folder!, TrainingCheckpoint.FileName)));
        Assert.False(File.Exists(Path.Combine(watched.Folder!, BestWeights.FileName)));
        // Without early stopping, keep_best watches the validation loss: the kept model is the one of lowest loss.
        Assert.Equal(byLoss.Training.Evaluations.MinBy(e => e.Loss)!.Step, byLoss.Training.KeptStep);
        Assert.Equal(byLoss.Training.Evaluations.Min(e => e.Loss), byLoss.Training.FinalEvaluation.Loss);
        Assert.Equal(Deterministic(last.Metrics.Where(m => m.Split != "test")), Deterministic(byLoss.Metrics.Where(m => m.Split != "test")));
        if (byLoss.Training.KeptStep != 40) Assert.NotEqual(last.Evaluation.Metrics["loss"], byLoss.Evaluation.Metrics["loss"]);
    }

    [Fact]
    public void A_resumed_run_stops_and_keeps_exactly_as_an_uninterrupted_one()
    {
        var experiment = new TestExperiment(Watched(keepBest: true));
        using var uninterruptedRoot = new TempFolder();
        var uninterrupted = ExperimentRunner.Run(experiment, uninterruptedRoot.Path, SilentProgress.Instance);
        int kept = uninterrupted.Training.KeptStep!.Value;

        using var crashedRoot = new TempFolder();
        int crashAt = kept + 15;
        Assert.Throws<CrashingProgress.SimulatedCrash>(() => ExperimentRunner.Run(experiment, crashedRoot.Path, new CrashingProgress(crashAfterStep: crashAt)));
        string folder = Directory.GetDirectories(Path.Combine(crashedRoot.Path, "tiny")).Single();
        Assert.True(File.Exists(Path.Combine(folder, BestWeights.FileName)));

        var resumed = ExperimentRunner.Resume(experiment, folder, SilentProgress.Instance);

        Assert.Equal(Deterministic(uninterrupted.Metrics), Deterministic(resumed.Metrics));
        Assert.Equal(uninterrupted.Training.KeptStep, resumed.Training.KeptStep);
        Assert.Equal(uninterrupted.Training.TrainLosses.Count, resumed.Training.TrainLosses.Count);
        Assert.Equal(uninterrupted.Evaluation.Samples, resumed.Evaluation.Samples);
        Assert.Equal(RunManifest.Read(uninterrupted.Folder!).Results["stopped_at_step"], RunManifest.Read(folder).Results["stopped_at_step"]);
    }

    [Fact]
    public void The_keys_bind_from_the_dsl_and_an_unset_train_section_keeps_its_json_and_hash()
    {
        const string Declaration = """
            experiment: watched
            data: { tokens: 30000 }
            model: { kind: transformer, layers: 1, d_model: 32, heads: 2, context: 32 }
            train: { batch: 8, steps: 20 }
            """;

        var result = ConfigOverrides.Bind(Declaration, ["train.early_stopping={metric: perplexity, patience: 2, min_delta: 0.01}", "train.keep_best=true"]);
        var plain = ConfigOverrides.Bind(Declaration, []);

        Assert.Empty(result.Errors);
        Assert.Equal(new EarlyStoppingConfig("perplexity", StoppingMode.Min, 2, 0.01), result.Config!.Train.EarlyStopping);
        Assert.True(result.Config.Train.KeepBest);
        Assert.Contains("\"keep_best\": true", ConfigJson.Serialize(result.Config));
        Assert.DoesNotContain("early_stopping", ConfigJson.Serialize(plain.Config!));
        Assert.DoesNotContain("keep_best", ConfigJson.Serialize(plain.Config!));
        Assert.Equal("--set train.keep_best=maybe: 'train.keep_best' expects true or false, found 'maybe' (DSL0004)",
            Assert.Single(ConfigOverrides.Bind(Declaration, ["train.keep_best=maybe"]).Errors));
    }
}
