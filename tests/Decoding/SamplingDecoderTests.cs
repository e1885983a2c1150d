using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Native;

namespace DslRunner.Tests.Decoding;

public sealed class SamplingDecoderTests
{
    const int A = 0, B = 1, C = 2;

    /// <summary>Every token is followed by A 0.5, B 0.3, C 0.2: decoded tokens are independent draws.</summary>
    static TableLanguageModel Independent() =>
        TableLanguageModel.FromRows(3, [.. Enumerable.Range(0, 3).Select(t => (t, new[] { (A, 0.5), (B, 0.3), (C, 0.2) }))]);

    static SampleConfig Plain(int seed = 0) => new(MaxTokens: 400, Temperature: 1, TopK: 0, RepetitionPenalty: 1, TopP: 1, Seed: seed);

    static double Share(int[] tokens, int token) => tokens.Count(t => t == token) / (double)tokens.Length;

    [Fact]
    public void The_same_seed_gives_the_same_tokens_and_another_seed_other_tokens()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Independent();

        int[] first = new SamplingDecoder(Plain(seed: 5)).Decode(model, [A]);

        Assert.Equal(first, new SamplingDecoder(Plain(seed: 5)).Decode(model, [A]));
        Assert.NotEqual(first, new SamplingDecoder(Plain(seed: 6)).Decode(model, [A]));
    }

    [Fact]
    public void Plain_sampling_draws_tokens_at_their_probabilities()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Independent();

        int[] tokens = new SamplingDecoder(Plain()).Decode(model, [A]);

        Assert.InRange(Share(tokens, A), 0.42, 0.58);
        Assert.InRange(Share(tokens, C), 0.14, 0.26);
    }

    [Fact]
    public void Top_p_never_draws_outside_the_nucleus()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Independent();

        // p = 0.75: A (0.5) and B (0.3) reach it; C's predecessors already hold 0.8. A is drawn 0.5 / 0.8 of the time.
        int[] tokens = new SamplingDecoder(Plain() with { TopP = 0.75 }).Decode(model, [A]);

        Assert.DoesNotContain(C, tokens);
        Assert.InRange(Share(tokens, A), 0.55, 0.70);
    }

    [Fact]
    public void Top_k_keeps_the_k_most_probable_tokens()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Independent();

        Assert.DoesNotContain(C, new SamplingDecoder(Plain() with { TopK = 2 }).Decode(model, [A]));
        Assert.All(new SamplingDecoder(Plain() with { TopK = 1 }).Decode(model, [A]), t => Assert.Equal(A, t));
    }

    [Fact]
    public void A_low_temperature_sharpens_and_a_high_one_flattens_the_distribution()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Independent();

        // At t = 0.01, B is e^(ln(0.3/0.5)/0.01) ≈ 1e-22 times as likely as A.
        Assert.All(new SamplingDecoder(Plain() with { Temperature = 0.01 }).Decode(model, [A]), t => Assert.Equal(A, t));
        Assert.InRange(Share(new SamplingDecoder(Plain() with { Temperature = 10 }).Decode(model, [A]), C), 0.26, 0.40);
    }

    [Fact]
    public void The_repetition_penalty_steers_greedy_choices_away_from_seen_tokens()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Independent();
        var greedy = Plain() with { MaxTokens = 4, TopK = 1 };

        // Logits ln 0.5, ln 0.3, ln 0.2 = −0.69, −1.20, −1.61. Prompt [A]: A becomes −0.69·2 = −1.39 < −1.20, so B;
        // then A −1.39, B −2.41, C −1.61: A, and A again since nothing changes.
        Assert.Equal([A, A, A, A], new SamplingDecoder(greedy).Decode(model, [A]));
        Assert.Equal([B, A, A, A], new SamplingDecoder(greedy with { RepetitionPenalty = 2 }).Decode(model, [A]));
    }

    [Fact]
    public void Top_k_of_one_is_greedy_on_a_transformer()
    {
        TorchRuntime.Configure(1, 13);
        using var model = new GptModel(new TransformerConfig(1, 16, 2, Context: 16, OutputHead.Dot, Dropout: 0, CosineScale: null), vocabularySize: 9);

        Assert.Equal(new GreedyDecoder(10).Decode(model, [2, 7]),
            new SamplingDecoder(new SampleConfig(10, Temperature: 0.7, TopK: 1, RepetitionPenalty: 1)).Decode(model, [2, 7]));
    }
}
