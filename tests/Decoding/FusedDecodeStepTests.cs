using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

/// <summary>
/// A one-position decoding step without gradients runs in one TorchScript call (<see cref="FusedDecodeStep"/>);
/// with gradients on, the same model steps module by module. Both must give the same logits, bit for bit.
/// </summary>
public sealed class FusedDecodeStepTests
{
    const int Vocabulary = 29, Context = 8;

    static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    static GptModel Gpt(PositionEncoding positions, OutputHead head = OutputHead.Tied)
    {
        TorchRuntime.Configure(1, 5);
        var model = new GptModel(new TransformerConfig(Layers: 3, DModel: 32, Heads: 4, Context, head, Dropout: 0, CosineScale: null, positions), Vocabulary);
        model.eval();
        return model;
    }

    /// <summary>Greedy steps from uneven prompts (left padding, so masked steps too); every step's logits (B, V), as floats.</summary>
    static List<float[]> Decode(GptModel model, long[][] prompts, int steps)
    {
        using var state = model.StartDecoding();
        var logits = new List<float[]>();
        var next = state.Start(prompts);
        for (int step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            logits.Add(next.data<float>().ToArray());
            var chosen = next.argmax(-1).unsqueeze(1);
            var previous = next;
            next = state.Append(chosen).DetachFromDisposeScope();
            previous.Dispose();
        }
        next.Dispose();
        return logits;
    }

    static readonly long[][] Prompts = [[3, 1, 4, 1, 5], [9], [2, 6, 5]];

    [Theory]
    [InlineData(PositionEncoding.Rope, OutputHead.Tied, 20)]   // past the context: the cache rolls, every index rewritten
    [InlineData(PositionEncoding.Rope, OutputHead.Dot, 20)]
    [InlineData(PositionEncoding.Rope, OutputHead.Cosine, 20)] // the script stops at the final LayerNorm
    [InlineData(PositionEncoding.Learned, OutputHead.Tied, 3)] // within the context (past it learned positions recompute)
    public void Without_gradients_a_step_runs_in_one_call_and_the_logits_keep_every_bit(PositionEncoding positions, OutputHead head, int steps)
    {
        using var model = Gpt(positions, head);
        List<float[]> blockByBlock;
        using (enable_grad()) blockByBlock = Decode(model, Prompts, steps);

        long fusedBefore = FusedDecodeStep.Steps;
        List<float[]> fused;
        using (inference_mode()) fused = Decode(model, Prompts, steps);

        Assert.True(FusedDecodeStep.Steps - fusedBefore >= steps - 1, "the one-position steps did not take the fused path");
        for (int step = 0; step < steps; step++)
            Assert.Equal(blockByBlock[step], fused[step]);
    }

    [Fact]
    public void A_one_token_prompt_makes_the_cache_in_the_fused_step_and_decoding_leaks_no_tensor()
    {
        using var model = Gpt(PositionEncoding.Rope);
        using var inference = inference_mode();
        Decode(model, [[7]], 2); // compiles and warms up the script
        long before = LiveTensors;
        var logits = Decode(model, [[7]], 12);
        Assert.Equal(before, LiveTensors);
        List<float[]> expected;
        using (enable_grad()) expected = Decode(model, [[7]], 12);
        Assert.Equal(expected, logits);
    }
}
