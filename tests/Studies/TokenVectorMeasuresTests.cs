using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies.Measures;
using DslRunner.Geometry;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Tests.Studies;

/// <summary>The seed 000 and seed 002 measures that read or edit a model's token vectors.</summary>
public sealed class TokenVectorMeasuresTests
{
    static (ExperimentConfig Config, PreparedData Data) Tiny(params string[] overrides)
    {
        TorchRuntime.EnsureLoaded();
        var source = ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-study");
        var config = ConfigOverrides.Bind(source.Declaration, ["data.tokens=20000", .. overrides]).Config!;
        return (config, DataPipeline.For(config));
    }

    /// <summary>The model the run starts from, built as a run builds it.</summary>
    static LanguageModel Initial(ExperimentConfig config, PreparedData data)
    {
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        return config.Model.Build(data.Tokenizer.VocabularySize);
    }

    static void Step(LanguageModel model, PreparedData data, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        using var scope = NewDisposeScope();
        int context = model.Context;
        var tokens = data.Splits.Train.Take(4 * (context + 1)).Select(t => (long)t).ToArray();
        var batch = tensor(tokens, [4, context + 1]);
        var logits = model.call(batch[.., ..^1]);
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), batch[.., 1..].reshape(-1));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    [Fact]
    public void Sgd_without_decay_leaves_the_mean_output_vector_where_it_started_and_adamw_moves_it()
    {
        var (config, data) = Tiny("model.head=dot");
        double Drift(Func<LanguageModel, TorchSharp.Modules.OptimizerHelper> optimizerFor)
        {
            using var model = Initial(config, data);
            Assert.Equal(0, new OutputMeanDrift().Measure(new MeasureInput(config, model, data)));
            var optimizer = optimizerFor(model);
            for (int i = 0; i < 3; i++) Step(model, data, optimizer);
            return new OutputMeanDrift().Measure(new MeasureInput(config, model, data));
        }

        double sgd = Drift(model => optim.SGD(model.parameters(), 0.5, momentum: 0.9));
        double adamw = Drift(model => optim.AdamW(model.parameters(), 0.01));
        Assert.True(sgd < 1e-4, $"SGD moved the mean output vector by {sgd}");
        Assert.True(adamw > 1e-2, $"AdamW moved the mean output vector by only {adamw}");
    }

    [Fact]
    public void Editing_the_token_vectors_puts_them_back_and_equal_lengths_change_nothing_when_lengths_are_equal()
    {
        var (config, data) = Tiny("model.head=dot");
        using var model = Initial(config, data);
        var input = new MeasureInput(config, model, data);
        using (no_grad())
        {
            var vectors = model.TokenVectors;
            vectors.copy_(vectors / vectors.norm(dim: 1, keepdim: true) * 0.7);
        }
        using var before = model.TokenVectors.clone();
        double plain = HeldOutLoss.Measure(model, data.Splits.Test, config.Train.Batch, config.Train.EvalBatches);

        Assert.Equal(plain, new LossWithEqualLengths().Measure(input), 4);
        Assert.True(new LossWithRandomDirections().Measure(input) != plain);
        Assert.True(model.TokenVectors.equal(before).all().item<bool>(), "the token vectors were not put back");
    }

    [Fact]
    public void Capacity_over_seen_targets_is_the_capacity_of_exactly_the_rows_of_tokens_that_are_training_targets()
    {
        var (config, data) = Tiny();
        using var model = Initial(config, data);
        var seen = new bool[data.Tokenizer.VocabularySize];
        for (int i = 1; i < data.Splits.Train.Length; i++) seen[data.Splits.Train[i]] = true;
        Assert.Contains(false, seen); // the special tokens are never targets, so the two values differ
        using var rows = tensor(Enumerable.Range(0, seen.Length).Where(i => seen[i]).Select(i => (long)i).ToArray());

        double measured = new CapacityOfSeenTargets().Measure(new MeasureInput(config, model, data));

        Assert.Equal(Capacity.Measure(model.TokenVectors.index_select(0, rows)), measured, 12);
        Assert.NotEqual(Capacity.Measure(model.TokenVectors), measured);
    }
}
