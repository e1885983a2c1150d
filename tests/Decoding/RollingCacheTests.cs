using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

/// <summary>Rotary positions: the cache rolls past the context, matching a full forward with a banded causal mask.</summary>
public sealed class RollingCacheTests
{
    const int Vocabulary = 13;

    static GptModel RopeGpt(int context = 6, int layers = 2, OutputHead head = OutputHead.Dot)
    {
        TorchRuntime.Configure(1, 11);
        var model = new GptModel(new TransformerConfig(layers, DModel: 16, Heads: 4, context, head, Dropout: 0, CosineScale: null, PositionEncoding.Rope), Vocabulary);
        model.eval();
        return model;
    }

    static Tensor RandomTokens(long batch, long length, int seed)
    {
        var random = new Random(seed);
        return tensor(Enumerable.Range(0, (int)(batch * length)).Select(_ => (long)random.Next(Vocabulary)).ToArray(), [batch, length]);
    }

    static void AssertClose(Tensor expected, Tensor actual) =>
        Assert.True((expected - actual).abs().max().item<float>() <= 1e-4, $"max difference {(expected - actual).abs().max().item<float>()}");

    [Theory]
    [InlineData(OutputHead.Dot)]
    [InlineData(OutputHead.Tied)]
    [InlineData(OutputHead.Cosine)]
    public void Past_the_context_the_rolling_cache_matches_a_banded_full_forward_at_every_step(OutputHead head)
    {
        using var model = RopeGpt(context: 6, head: head);
        using var noGrad = no_grad();
        using var sequences = RandomTokens(2, 20, seed: 1);
        using var state = model.StartDecoding();

        AssertClose(model.call(sequences[.., ..3])[.., -1], state.Append(sequences[.., ..3]));
        for (int length = 4; length <= 20; length++)
            AssertClose(model.call(sequences[.., ..length])[.., -1], state.Append(sequences[.., (length - 1)..length]));
        Assert.Equal(6, ((GptDecodingState)state).Length);
    }

    [Fact]
    public void Greedy_tokens_from_the_cache_are_those_of_the_banded_reference()
    {
        using var model = RopeGpt(context: 5, layers: 3);
        using var noGrad = no_grad();
        var text = new List<long> { 3, 1, 4 };
        using var state = model.StartDecoding();
        var logits = state.Append(tensor(text.ToArray(), [1, text.Count]));
        for (int step = 0; step < 24; step++)
        {
            using var scope = NewDisposeScope();
            var reference = model.call(tensor(text.ToArray(), [1, text.Count]))[0, -1];
            AssertClose(reference, logits[0]);
            long next = reference.argmax().item<long>();
            Assert.Equal(next, logits[0].argmax().item<long>());
            text.Add(next);
            logits.Dispose();
            logits = state.Append(tensor(new[] { next }, [1, 1])).DetachFromDisposeScope();
        }
        logits.Dispose();
    }

    [Fact]
    public void A_prompt_longer_than_the_context_and_several_tokens_at_once_read_the_band_too()
    {
        using var model = RopeGpt(context: 4);
        using var noGrad = no_grad();
        using var sequences = RandomTokens(2, 17, seed: 2);
        using var state = model.StartDecoding();

        AssertClose(model.call(sequences[.., ..9])[.., -1], state.Append(sequences[.., ..9]));
        AssertClose(model.call(sequences[.., ..12])[.., -1], state.Append(sequences[.., 9..12]));
        AssertClose(model.call(sequences[.., ..13])[.., -1], state.Append(sequences[.., 12..13]));
        AssertClose(model.call(sequences)[.., -1], state.Append(sequences[.., 13..]));
    }

    [Fact]
    public void One_layer_past_its_context_never_sees_a_token_that_left_the_window()
    {
        using var model = RopeGpt(context: 4, layers: 1);
        using var noGrad = no_grad();
        using var text = RandomTokens(1, 10, seed: 3);
        using var changed = text.clone();
        changed[0, 5] = tensor((text[0, 5].item<long>() + 1) % Vocabulary);

        AssertClose(model.call(text)[.., -1], model.call(changed)[.., -1]); // position 5 is 4 back from 9: outside
        Assert.False(model.call(text)[.., -2].allclose(model.call(changed)[.., -2])); // 3 back from 8: inside
    }

    [Fact]
    public void Within_the_context_rotary_attention_is_plain_causal_attention()
    {
        using var model = RopeGpt(context: 8);
        using var noGrad = no_grad();
        using var text = RandomTokens(2, 8, seed: 4);
        using var full = model.call(text);

        for (int length = 1; length <= 8; length++) AssertClose(full[.., length - 1], model.call(text[.., ..length])[.., -1]);
    }

    [Fact]
    public void Selected_rows_and_look_aheads_keep_rolling()
    {
        using var model = RopeGpt(context: 5);
        using var noGrad = no_grad();
        using var sequences = RandomTokens(3, 11, seed: 5);
        using var state = model.StartDecoding();
        state.Append(sequences[.., ..9]);

        using var selected = state.Select([2, 0]);
        long[][] candidates = [[4, 7, 1], [9]];
        var lookAhead = selected.LookAhead(candidates); // (2, 3, V)
        var next = selected.Append(sequences[.., 9..10].index_select(0, tensor(new long[] { 2, 0 })));

        for (int row = 0; row < 2; row++)
        {
            using var prefix = sequences[new long[] { 2, 0 }[row], ..9];
            for (int i = 0; i < candidates[row].Length; i++)
                AssertClose(model.call(cat([prefix, tensor(new[] { candidates[row][i] })]).unsqueeze(0))[0, -1], lookAhead[row, i]);
        }
        AssertClose(model.call(sequences[.., ..10].index_select(0, tensor(new long[] { 2, 0 })))[.., -1], next);
    }

    [Fact]
    public void Rotary_positions_have_no_position_parameters_and_learned_ones_refuse_a_longer_input()
    {
        using var rope = RopeGpt(context: 4);
        TorchRuntime.Configure(1, 11);
        using var learned = new GptModel(new TransformerConfig(2, 16, 4, 4, OutputHead.Dot, 0, null), Vocabulary);

        Assert.Equal(4 * 16, learned.ParameterCount - rope.ParameterCount);
        Assert.DoesNotContain(rope.named_parameters(), p => p.name.Contains("position", StringComparison.OrdinalIgnoreCase));
        Assert.Throws<ArgumentException>(() => learned.call(RandomTokens(1, 5, seed: 6)));
    }
}
