using DslRunner.Data;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies.Measures;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

/// <summary>The figures that say whether arms with different tokenizers were matched in bytes.</summary>
public sealed class TextMeasuresTests
{
    static MeasureInput Input(string experiment, params string[] overrides)
    {
        TorchRuntime.EnsureLoaded();
        var source = ExperimentRegistry.All.Single(e => e.Config.Name == experiment);
        var config = ConfigOverrides.Bind(source.Declaration, ["data.corpus=synthetic", "data.bytes=40000", .. overrides]).Config!;
        var data = DataPipeline.For(config);
        TorchRuntime.Configure(1, 5);
        return new MeasureInput(config, config.Model.Build(data.Tokenizer.VocabularySize), data);
    }

    [Fact]
    public void The_context_in_bytes_is_the_context_in_tokens_times_the_bytes_per_training_token()
    {
        var bpe = Input("seed003-tokenizers.bpe");
        var longer = Input("seed003-tokenizers.bpe", "model.context=128");
        using var bpeModel = bpe.Model;
        using var longerModel = longer.Model;
        double bytesPerToken = new BytesPerToken().Measure(bpe);

        Assert.True(bytesPerToken > 1.5, $"BPE tokens of this text hold several bytes ({bytesPerToken})");
        Assert.Equal(64 * bytesPerToken, new ContextBytes().Measure(bpe), 9);
        Assert.Equal(2 * new ContextBytes().Measure(bpe), new ContextBytes().Measure(longer), 9);
        // A step covers batch × context in bytes.
        Assert.Equal(16 * new ContextBytes().Measure(bpe), new BytesPerStep().Measure(bpe), 6);
    }
}
