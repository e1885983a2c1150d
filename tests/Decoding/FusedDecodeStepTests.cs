using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

/// <summary>
/// A one-position decoding step without gradients runs in one TorchScript call (<see cref="FusedDecodeStep"/>);
/// with <see cref="GptModel.FusedSteps"/> off, the same model steps module by module. Both must give the same logits,
/// bit for bit.
/// </summary>
public sealed class FusedDecodeStepTests
{
    const int Vocabulary = 29, Context = 8;

    static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    /// <summary>
    /// Every weight drawn afresh, biases and LayerNorm gains included: initialised ones are zero and one, under which
    /// rounding differences in how a bias is added cannot show.
    /// </summary>
    static GptModel Gpt(PositionEncoding positions, OutputHead head = OutputHead.Tied)
    {
        TorchRuntime.Configure(1, 5);
        var model = new GptModel(new TransformerConfig(Layers: 2, DModel: 64, Heads: 4, Context, head, Dropout: 0, CosineScale: null, positions), Vocabulary);
        using (no_grad())
            foreach (var parameter in model.parameters()) parameter.normal_(0, 0.5);
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

    // Forty rows and d 64, so the MLP contracts 256 inputs in a matrix product: where blocked products round a bias
    // differently from a product and an add, these rows show it (one row or a narrow model would not).
    static readonly long[][] Prompts = [.. Enumerable.Range(0, 40).Select(row => Enumerable.Range(0, 1 + row % 6).Select(i => (long)((row * 7 + i * 3) % Vocabulary)).ToArray())];

    [Theory]
    [InlineData(PositionEncoding.Rope, OutputHead.Tied, 20)]   // past the context: the cache rolls, every index rewritten
    [InlineData(PositionEncoding.Rope, OutputHead.Dot, 20)]
    [InlineData(PositionEncoding.Rope, OutputHead.Cosine, 20)] // the script stops at the final LayerNorm
    [InlineData(PositionEncoding.Learned, OutputHead.Tied, 3)] // within the context (past it learned positions recompute)
    public void Without_gradients_a_step_runs_in_one_call_and_the_logits_keep_every_bit(PositionEncoding positions, OutputHead head, int steps)
    {
        using var model = Gpt(positions, head);
        using var inference = inference_mode();
        model.FusedSteps = false;
        var moduleByModule = Decode(model, Prompts, steps);
        model.FusedSteps = true;

        long fusedBefore = FusedDecodeStep.Steps;
        var fused = Decode(model, Prompts, steps);

        Assert.True(FusedDecodeStep.Steps - fusedBefore >= steps - 1, "the one-position steps did not take the fused path");
        Assert.False(LibTorchNative.GraphExecutorOptimize()); // the script ran as written on this thread
        for (int step = 0; step < steps; step++)
            Assert.Equal(moduleByModule[step], fused[step]);
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
        model.FusedSteps = false;
        Assert.Equal(Decode(model, [[7]], 12), logits);
    }
}
