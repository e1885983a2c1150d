using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Training;

public sealed class RunMetricsTests
{
    [Fact]
    public void Every_evaluation_records_capacity_and_the_declared_logit_mean()
    {
        var config = TestExperiment.Tiny(steps: 20) with { Eval = new EvalConfig(["capacity", "logit_mean_abs"], ["the "]) };

        var experiment = new CapturingTokenVectors(config);

        var outcome = ExperimentRunner.Run(experiment, null, SilentProgress.Instance);

        var validation = outcome.Metrics.Where(m => m.Split == "validation").ToList();
        Assert.Equal([10, 20], validation.Select(m => m.Step));
        // The last evaluation saw the trained model: its capacity is the definition's, computed here pair by pair.
        var vectors = experiment.TokenVectors!.Select(v => (double)v).ToArray();
        Assert.Equal(Geometry.CapacityTests.NaiveCapacity(vectors, vectors.Length / experiment.Dimensions, experiment.Dimensions),
            validation[^1].Values["capacity"], 9);
        // Pinned (seed 7, one thread): a probe that measured something else, or nothing, would not give these.
        Assert.Equal([PinnedCapacityAtStep10, PinnedCapacityAtStep20], validation.Select(m => Math.Round(m.Values["capacity"], 4)));
        Assert.Equal([PinnedLogitMeanAtStep10, PinnedLogitMeanAtStep20], validation.Select(m => Math.Round(m.Values["logit_mean_abs"], 4)));
    }

    const double PinnedCapacityAtStep10 = 0.9252, PinnedCapacityAtStep20 = 0.9476, PinnedLogitMeanAtStep10 = 0.5711, PinnedLogitMeanAtStep20 = 0.6472;

    /// <summary>The tiny experiment, keeping a copy of the token vectors the training ended with.</summary>
    sealed class CapturingTokenVectors(ExperimentConfig config) : IExperiment
    {
        readonly TestExperiment _inner = new(config);

        public float[]? TokenVectors { get; private set; }

        public int Dimensions { get; private set; }

        public ExperimentConfig Config => _inner.Config;

        public DslRunner.Models.LanguageModel BuildModel(int vocabularySize) => _inner.BuildModel(vocabularySize);

        public DslRunner.Losses.CompositeLoss BuildLoss() => _inner.BuildLoss();

        public IReadOnlyList<DslRunner.Decoding.IDecoder> BuildDecoders() => _inner.BuildDecoders();

        public DslRunner.Training.TrainingResult Train(RunContext context)
        {
            var result = ((IExperiment)_inner).Train(context);
            using var vectors = result.Model.TokenVectors.detach().cpu();
            TokenVectors = vectors.data<float>().ToArray();
            Dimensions = (int)vectors.shape[1];
            return result;
        }

        public DslRunner.Training.EvaluationResult Evaluate(RunContext context, DslRunner.Training.TrainingResult training) => ((IExperiment)_inner).Evaluate(context, training);
    }

    [Fact]
    public void A_declared_sparsity_schedule_prunes_during_training_to_its_target()
    {
        var config = TestExperiment.Tiny(steps: 30) with
        {
            Sparsity = new SparsityConfig(PruningMethod.Magnitude, Target: 0.6, Start: 5, End: 20, Scope: PruningScope.Global, Every: 5),
        };

        var outcome = ExperimentRunner.Run(new TestExperiment(config), null, SilentProgress.Instance);

        var sparsity = outcome.Metrics.Where(m => m.Split == "validation").Select(m => m.Values["sparsity"]).ToList();
        // The cubic ramp at step 10 of 5..20: 0.6·(1 − (1 − 5/15)³) = 0.6·19/27, to one weight in a few thousand.
        Assert.InRange(sparsity[0], 0.6 * 19 / 27 - 0.001, 0.6 * 19 / 27 + 0.001);
        Assert.InRange(sparsity[^1], 0.599, 0.601);
        Assert.InRange(outcome.Evaluation.Metrics["sparsity"], 0.599, 0.601);
    }

    [Fact]
    public void The_test_record_holds_the_model_figures_and_each_decoders_metrics()
    {
        var outcome = ExperimentRunner.Run(new TestExperiment(TestExperiment.Tiny(steps: 10)), null, SilentProgress.Instance);

        var test = outcome.Metrics.Single(m => m.Split == "test").Values;
        foreach (string key in new[] { "loss", "perplexity", "capacity", "parameters", "training_flops",
                     "decode/greedy/distinct_1", "decode/greedy/distinct_2", "decode/greedy/repetition_rate", "decode/greedy/perplexity" })
            Assert.True(test.ContainsKey(key), $"the test record lacks {key}");
        Assert.Equal(6.0 * test["parameters"] * test["tokens_seen"], test["training_flops"]);
    }
}
