using DslRunner.Data;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies.Measures;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

/// <summary>The bits-per-byte measures of one measurement share one pass of the model over the test text.</summary>
public sealed class HeldOutBitsMeasuresTests
{
    [Fact]
    public void Bits_per_byte_and_its_free_unknown_variant_score_the_test_text_once()
    {
        TorchRuntime.EnsureLoaded();
        var source = ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-study");
        var config = ConfigOverrides.Bind(source.Declaration, ["data.tokens=20000"]).Config!;
        var data = DataPipeline.For(config);
        TorchRuntime.Configure(1, 5);
        using var model = config.Model.Build(data.Tokenizer.VocabularySize);
        int passes = 0;
        model.register_forward_pre_hook((_, inputs) => { passes++; return inputs; });
        var input = new MeasureInput(config, model, data);

        double bits = new BitsPerByte().Measure(input);
        int onePass = passes;
        double free = new FreeUnknownBitsPerByte().Measure(input);

        Assert.True(onePass > 0);
        Assert.Equal(onePass, passes); // the second measure read the first one's scores
        Assert.True(free <= bits);
        passes = 0;
        Assert.Equal(bits, new BitsPerByte().Measure(new MeasureInput(config, model, data))); // a new measurement scores again
        Assert.Equal(onePass, passes);
    }
}
