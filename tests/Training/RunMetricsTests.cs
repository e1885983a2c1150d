using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Training;

public sealed class RunMetricsTests
{
    [Fact]
    public void Every_evaluation_records_capacity_and_the_declared_logit_mean()
    {
        var config = TestExperiment.Tiny(steps: 20) with { Eval = new EvalConfig(["capacity", "logit_mean_abs"], ["the "]) };

        var outcome = ExperimentRunner.Run(new TestExperiment(config), null, SilentProgress.Instance);

        var validation = outcome.Metrics.Where(m => m.Split == "validation").ToList();
        Assert.Equal(2, validation.Count);
        Assert.All(validation, record =>
        {
            Assert.InRange(record.Values["capacity"], 0.0, 2.0);
            Assert.True(record.Values["logit_mean_abs"] >= 0);
        });
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
        Assert.True(sparsity[0] > 0.1 && sparsity[0] < 0.6, $"at step 10 sparsity is {sparsity[0]}");
        Assert.InRange(sparsity[^1], 0.599, 0.601);
        Assert.InRange(outcome.Evaluation.Metrics["sparsity"], 0.3, 0.7);
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
