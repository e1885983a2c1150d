using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Native;
using TorchSharp;

namespace DslRunner.Tests.Decoding;

public sealed class DecoderHygieneTests
{
    public static TheoryData<string> Decoders => ["greedy", "beam", "sample", "dynamic top-p", "capacity-saving", "capacity-saving sampled"];

    static IDecoder Build(string name) => name switch
    {
        "greedy" => new GreedyDecoder(9),
        "beam" => new BeamDecoder(new BeamConfig(9, Width: 3, LengthPenalty: 0.7, EndToken: 2)),
        "sample" => new SamplingDecoder(new SampleConfig(9, Temperature: 0.9, TopK: 5, RepetitionPenalty: 1.3, TopP: 0.9, Seed: 1)),
        "dynamic top-p" => new TopPDecoder(new TopPConfig(9, P: 0.8, Temperature: 1, Seed: 2, DynamicStep: 0.1, RepetitionNgram: 2)),
        "capacity-saving" => new CapacitySavingDecoder(new CapacitySavingConfig(9, P: 0.9, Weight: 1)),
        "capacity-saving sampled" => new CapacitySavingDecoder(new CapacitySavingConfig(9, P: 0.9, Weight: 1, CandidateStrength.TwoStepProbability, Pick: CandidatePick.Sample, Seed: 3)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    [Theory]
    [MemberData(nameof(Decoders))]
    public void A_decoder_leaves_no_tensor_behind_and_the_model_in_its_mode(string name)
    {
        TorchRuntime.Configure(1, 19);
        using var model = new GptModel(new TransformerConfig(2, 16, 2, Context: 8, OutputHead.Tied, Dropout: 0.1, CosineScale: null), vocabularySize: 10);
        var decoder = Build(name);
        decoder.Decode(model, [1, 2, 3]); // first use: anything created once and kept is not a leak
        model.train();
        long before = LiveTensors;

        int[] first = decoder.Decode(model, [1, 2, 3]);
        int[] second = decoder.Decode(model, [1, 2, 3]);

        Assert.Equal(before, LiveTensors);
        Assert.True(model.training);
        Assert.InRange(first.Length, 1, 9); // beam hypotheses may end early at the end token
        Assert.Equal(first, second); // dropout is off while decoding, and sampling is seeded per decode
    }

    [Fact]
    public void Measuring_a_text_leaves_no_tensor_behind()
    {
        TorchRuntime.Configure(1, 20);
        using var model = new GptModel(new TransformerConfig(1, 16, 2, Context: 4, OutputHead.Dot, Dropout: 0, CosineScale: null), vocabularySize: 10);
        // Zero output vectors (a dot head has no bias) give zero logits: every next token has probability 1/10, so the
        // perplexity is the vocabulary's size and a 0.95 nucleus needs all 10 tokens.
        using (TorchSharp.torch.no_grad()) model.OutputVectors!.zero_();
        DecodingMetrics.ModelView(model, [1, 2], [3, 4, 5, 6], p: 0.95);
        long before = LiveTensors;

        var (perplexity, nucleus) = DecodingMetrics.ModelView(model, [1, 2], [3, 4, 5, 6], p: 0.95);

        Assert.Equal(before, LiveTensors);
        Assert.Equal(10, perplexity, 1e-5);
        Assert.Equal(10, nucleus);
    }
}
