using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

/// <summary>Prompts of different lengths decoded side by side give what each gives alone.</summary>
public sealed class BatchedDecodingTests
{
    const int Vocabulary = 11;
    static readonly IReadOnlyList<int>[] Prompts = [[3, 1, 4, 1, 5], [9], [2, 6, 5], [5, 3, 5, 8, 9, 7, 9, 3, 2]];

    static LanguageModel Model(string kind)
    {
        TorchRuntime.Configure(1, 29);
        LanguageModel model = kind switch
        {
            "learned" => new GptModel(new TransformerConfig(2, 16, 4, Context: 7, OutputHead.Tied, 0, null), Vocabulary),
            "rope" => new GptModel(new TransformerConfig(2, 16, 4, Context: 7, OutputHead.Tied, 0, null, PositionEncoding.Rope), Vocabulary),
            "lstm" => new LstmModel(new LstmConfig(8, 12, 2, Context: 7, OutputHead.Dot, 0), Vocabulary),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        model.eval();
        return model;
    }

    public static TheoryData<string> Models => ["learned", "rope", "lstm"];

    static void AssertClose(Tensor expected, Tensor actual) =>
        Assert.True((expected - actual).abs().max().item<float>() <= 1e-4, $"max difference {(expected - actual).abs().max().item<float>()}");

    [Theory]
    [InlineData("learned", false)]
    [InlineData("rope", false)]
    [InlineData("lstm", false)]
    [InlineData("learned", true)]
    public void Uneven_prompts_started_together_step_like_each_alone_past_the_context(string kind, bool recompute)
    {
        using var model = Model(kind);
        using var noGrad = no_grad();
        long[][] prompts = [.. Prompts.Select(p => p.Select(t => (long)t).ToArray())];
        DecodingState Fresh() => recompute ? new RecomputingDecodingState(model) : model.StartDecoding();
        using var batch = Fresh();
        var alone = prompts.Select(_ => Fresh()).ToArray();
        try
        {
            var logits = batch.Start(prompts);
            long[] appended = [];
            for (int step = 0; step < 12; step++)
            {
                using var scope = NewDisposeScope();
                for (int row = 0; row < prompts.Length; row++)
                {
                    var single = step == 0 ? alone[row].Start([prompts[row]]) : alone[row].Append(tensor(new[] { appended[row] }, [1, 1]));
                    AssertClose(single[0], logits[row]);
                }
                appended = [.. Enumerable.Range(0, prompts.Length).Select(row => (long)((step * 7 + row * 3) % Vocabulary))];
                logits = batch.Append(tensor(appended, [appended.Length, 1])).DetachFromDisposeScope();
            }
        }
        finally
        {
            foreach (var state in alone) state.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_batched_look_ahead_gives_each_rows_candidates_their_own_next_logits(string kind)
    {
        using var model = Model(kind);
        using var noGrad = no_grad();
        using var state = model.StartDecoding();
        state.Start([.. Prompts.Select(p => p.Select(t => (long)t).ToArray())]);
        long[][] candidates = [[1, 2], [], [7, 0, 3], [4]];

        var lookAhead = state.LookAhead(candidates);

        for (int row = 0; row < Prompts.Length; row++)
        {
            using var alone = model.StartDecoding();
            alone.Start([Prompts[row].Select(t => (long)t).ToArray()]);
            for (int i = 0; i < candidates[row].Length; i++) AssertClose(alone.LookAhead(candidates[row])[i], lookAhead[row, i]);
        }
    }

    public static TheoryData<string, string> DecodersAndModels()
    {
        var data = new TheoryData<string, string>();
        foreach (string decoder in new[] { "greedy", "sample", "top-p", "dynamic top-p", "capacity-saving", "capacity-saving sampled", "beam" })
            foreach (string model in new[] { "learned", "rope", "lstm" })
                data.Add(decoder, model);
        return data;
    }

    static IDecoder Decoder(string name) => name switch
    {
        "greedy" => new GreedyDecoder(12),
        "sample" => new SamplingDecoder(new SampleConfig(12, Temperature: 0.9, TopK: 6, RepetitionPenalty: 1.3, TopP: 0.95, Seed: 1)),
        "top-p" => new TopPDecoder(new TopPConfig(12, P: 0.8, Temperature: 1, Seed: 2)),
        "dynamic top-p" => new TopPDecoder(new TopPConfig(12, P: 0.6, Temperature: 1, Seed: 2, DynamicStep: 0.1, RepetitionNgram: 1)),
        "capacity-saving" => new CapacitySavingDecoder(new CapacitySavingConfig(12, P: 0.9, Weight: 1)),
        "capacity-saving sampled" => new CapacitySavingDecoder(new CapacitySavingConfig(12, P: 0.9, Weight: 1, CandidateStrength.TwoStepProbability, Pick: CandidatePick.Sample, Seed: 3)),
        "beam" => new BeamDecoder(new BeamConfig(12, Width: 3, LengthPenalty: 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(DecodersAndModels))]
    public void A_batch_decodes_each_prompt_as_it_decodes_alone_with_its_seed(string decoderName, string kind)
    {
        using var model = Model(kind);
        var decoder = Decoder(decoderName);
        int[] seeds = [5, 6, 7, 5];

        var batch = decoder.DecodeBatch(model, Prompts, seeds);

        for (int row = 0; row < Prompts.Length; row++)
        {
            var alone = decoder.DecodeBatch(model, [Prompts[row]], [seeds[row]])[0];
            Assert.Equal(alone.Tokens, batch[row].Tokens);
            Assert.Equal(alone.LogProbabilities, batch[row].LogProbabilities, (x, y) => Math.Abs(x - y) <= 1e-4);
            Assert.Equal(alone.NucleusSizes, batch[row].NucleusSizes);
        }
    }

    [Fact]
    public void Seeds_choose_the_draws_and_default_to_the_declared_one()
    {
        using var model = Model("rope");
        var decoder = Decoder("sample");

        var declared = decoder.DecodeBatch(model, [Prompts[0], Prompts[0]]);
        var seeded = decoder.DecodeBatch(model, [Prompts[0], Prompts[0]], [1, 8]);

        Assert.Equal(declared[0].Tokens, declared[1].Tokens);
        Assert.Equal(declared[0].Tokens, seeded[0].Tokens); // the declared seed is 1
        Assert.NotEqual(seeded[0].Tokens, seeded[1].Tokens);
        Assert.Throws<ArgumentException>(() => decoder.DecodeBatch(model, Prompts, [1]));
    }

    [Theory]
    [InlineData("greedy")]
    [InlineData("beam")]
    [InlineData("capacity-saving")]
    public void The_decodes_own_view_of_its_text_is_the_models_view_from_a_second_pass(string decoderName)
    {
        using var model = Model("learned");

        var decoded = Decoder(decoderName).DecodeBatch(model, Prompts);

        for (int row = 0; row < Prompts.Length; row++)
        {
            var (perplexity, nucleus) = DecodingMetrics.ModelView(model, Prompts[row], decoded[row].Tokens);
            Assert.Equal(perplexity, decoded[row].Perplexity, 4);
            Assert.Equal(nucleus, decoded[row].MeanNucleusSize, 6);
        }
    }

    static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    [Theory]
    [MemberData(nameof(Models))]
    public void A_batched_decode_leaves_no_tensor_behind(string kind)
    {
        using var model = Model(kind);
        foreach (var name in new[] { "greedy", "dynamic top-p", "capacity-saving" }) Decoder(name).DecodeBatch(model, Prompts);
        long before = LiveTensors;

        foreach (var name in new[] { "greedy", "sample", "dynamic top-p", "capacity-saving", "beam" }) Decoder(name).DecodeBatch(model, Prompts);

        Assert.Equal(before, LiveTensors);
    }
}
