using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using TorchSharp;
using DslRunner.Training;

namespace DslRunner.Tests.Training;

public sealed class BigramModelTests
{
    [Fact]
    public void Each_position_sees_only_its_own_token()
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(1);
        using var model = new BigramConfig(Embedding: 8, Context: 4, Head: OutputHead.Dot, Dropout: 0).Build(vocabularySize: 10);
        model.eval();
        using var first = torch.tensor(new long[] { 1, 2, 3, 4 }).view(1, 4);
        using var second = torch.tensor(new long[] { 5, 6, 3, 4 }).view(1, 4);

        using var a = model.call(first);
        using var b = model.call(second);

        Assert.True(a[0, 2..].allclose(b[0, 2..]), "positions 2 and 3 hold the same tokens, so the same logits");
        Assert.False(a[0, 0].allclose(b[0, 0]));
    }

    [Fact]
    public void A_bigram_experiment_trains_and_decodes()
    {
        var config = TestExperiment.Tiny(steps: 10) with { Model = new BigramConfig(Embedding: 16, Context: 16, Head: OutputHead.Tied, Dropout: 0) };

        var outcome = ExperimentRunner.Run(new ConfiguredExperiment(config, ""), null, SilentProgress.Instance);

        var validation = outcome.Metrics.Where(m => m.Split == "validation").Select(m => m.Values["loss"]).ToList();
        Assert.True(validation[^1] < Math.Log(outcome.Training.Model.VocabularySize), $"loss {validation[^1]} is no better than uniform");
        Assert.Contains("decode/greedy/distinct_1", outcome.Evaluation.Metrics.Keys);
    }
}
