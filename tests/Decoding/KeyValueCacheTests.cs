using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

public sealed class KeyValueCacheTests
{
    const int Vocabulary = 13;

    static GptModel TinyGpt(OutputHead head = OutputHead.Dot, int context = 12)
    {
        TorchRuntime.Configure(1, 7);
        var model = new GptModel(new TransformerConfig(Layers: 2, DModel: 16, Heads: 4, Context: context, Head: head, Dropout: 0, CosineScale: null), Vocabulary);
        model.eval();
        return model;
    }

    static Tensor RandomTokens(long batch, long length, int seed)
    {
        var random = new Random(seed);
        return tensor(Enumerable.Range(0, (int)(batch * length)).Select(_ => (long)random.Next(Vocabulary)).ToArray(), [batch, length]);
    }

    /// <summary>The last position's logits of a full forward over the last context tokens, (B, V).</summary>
    static Tensor FullForward(LanguageModel model, Tensor tokens)
    {
        long length = tokens.shape[1];
        var window = length > model.Context ? tokens.narrow(1, length - model.Context, model.Context) : tokens;
        return model.call(window)[.., -1];
    }

    static void AssertClose(Tensor expected, Tensor actual) =>
        Assert.True(expected.allclose(actual, rtol: 1e-4, atol: 1e-5),
            $"max difference {(expected - actual).abs().max().item<float>()}");

    [Theory]
    [InlineData(OutputHead.Dot)]
    [InlineData(OutputHead.Tied)]
    [InlineData(OutputHead.Cosine)]
    public void Cached_logits_equal_a_full_forward_at_every_step_for_several_sequences(OutputHead head)
    {
        using var model = TinyGpt(head);
        using var noGrad = no_grad();
        using var sequences = RandomTokens(3, 10, seed: 1);
        using var state = model.StartDecoding();

        Assert.IsType<GptDecodingState>(state);
        AssertClose(FullForward(model, sequences[.., ..4]), state.Append(sequences[.., ..4]));
        for (int length = 5; length <= 10; length++)
            AssertClose(FullForward(model, sequences[.., ..length]), state.Append(sequences[.., (length - 1)..length]));
        Assert.Equal(3, state.Sequences);
    }

    [Fact]
    public void Several_tokens_appended_after_cached_ones_attend_causally()
    {
        using var model = TinyGpt();
        using var noGrad = no_grad();
        using var sequences = RandomTokens(2, 9, seed: 2);
        using var state = model.StartDecoding();

        state.Append(sequences[.., ..3]);
        var logits = state.Append(sequences[.., 3..9]);

        AssertClose(FullForward(model, sequences), logits);
    }

    [Fact]
    public void A_sequence_longer_than_the_context_slides_its_window()
    {
        using var model = TinyGpt(context: 6);
        using var noGrad = no_grad();
        using var sequences = RandomTokens(2, 11, seed: 3);
        using var state = model.StartDecoding();

        AssertClose(FullForward(model, sequences[.., ..4]), state.Append(sequences[.., ..4]));
        for (int length = 5; length <= 11; length++)
            AssertClose(FullForward(model, sequences[.., ..length]), state.Append(sequences[.., (length - 1)..length]));
        Assert.Equal(6, ((GptDecodingState)state).Length);
    }

    [Fact]
    public void A_prompt_longer_than_the_context_keeps_its_last_tokens()
    {
        using var model = TinyGpt(context: 6);
        using var noGrad = no_grad();
        using var sequence = RandomTokens(1, 9, seed: 4);
        using var state = model.StartDecoding();

        AssertClose(FullForward(model, sequence), state.Append(sequence));
    }

    [Fact]
    public void Selected_rows_continue_the_sequences_they_were_taken_from()
    {
        using var model = TinyGpt();
        using var noGrad = no_grad();
        using var sequences = RandomTokens(3, 6, seed: 5);
        using var next = RandomTokens(4, 1, seed: 6);
        using var state = model.StartDecoding();
        state.Append(sequences);

        using var selected = state.Select([2, 0, 0, 1]);
        var logits = selected.Append(next);

        using var rows = tensor(new long[] { 2, 0, 0, 1 });
        AssertClose(FullForward(model, cat([sequences.index_select(0, rows), next], 1)), logits);
        Assert.Equal(3, state.Sequences);
    }

    [Theory]
    [InlineData(12, false)]
    [InlineData(12, true)]
    [InlineData(5, false)]
    public void A_look_ahead_gives_each_candidates_next_logits_and_leaves_the_state_alone(int context, bool recompute)
    {
        using var model = TinyGpt(context: context);
        using var noGrad = no_grad();
        using var prefix = RandomTokens(1, 5, seed: 7);
        long[] candidates = [3, 0, 11, 3, 7];
        using DecodingState state = recompute ? new RecomputingDecodingState(model) : model.StartDecoding();
        state.Append(prefix);

        var lookAhead = state.LookAhead(candidates);

        using var continued = cat([prefix.expand(candidates.Length, -1), tensor(candidates, [candidates.Length, 1])], 1);
        AssertClose(FullForward(model, continued), lookAhead);
        using var after = tensor(new long[] { 4 }, [1, 1]);
        AssertClose(FullForward(model, cat([prefix, after], 1)), state.Append(after));
    }

    [Fact]
    public void Tokens_for_another_number_of_sequences_are_refused()
    {
        using var model = TinyGpt();
        using var noGrad = no_grad();
        using var state = model.StartDecoding();
        state.Append(RandomTokens(2, 3, seed: 8));

        var error = Assert.Throws<ArgumentException>(() => state.Append(RandomTokens(3, 1, seed: 9)));

        Assert.Contains("expected tokens for 2 sequences, got 3", error.Message);
    }
}
