using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Native;

namespace DslRunner.Tests.Decoding;

public sealed class TopPDecoderTests
{
    const int A = 0, B = 1, C = 2;

    [Fact]
    public void A_repeat_is_the_last_n_tokens_occurring_earlier()
    {
        Assert.True(DynamicTopP.EndsWithRepeat([1, 2, 3, 1, 2], 2));
        Assert.True(DynamicTopP.EndsWithRepeat([4, 4, 4], 2));
        Assert.False(DynamicTopP.EndsWithRepeat([1, 2, 3, 2, 1], 2));
        Assert.False(DynamicTopP.EndsWithRepeat([1, 2], 2));
    }

    [Fact]
    public void Dynamic_p_rises_while_the_text_repeats_and_falls_back_to_the_declared_p()
    {
        var topP = new DynamicTopP(baseP: 0.8, step: 0.15, ngram: 2);
        var observed = new List<double>();
        int[] text = [1, 2, 1, 2, 1, 3, 4, 5, 6];
        for (int length = 2; length <= text.Length; length++)
        {
            topP.Observe(text[..length]);
            observed.Add(Math.Round(topP.Current, 6));
        }

        // last two tokens: 1 2 new, 2 1 new, 1 2 seen, 2 1 seen, then 1 3, 3 4, 4 5, 5 6 all new
        Assert.Equal([0.8, 0.8, 0.95, 1.0, 0.85, 0.8, 0.8, 0.8], observed);
    }

    [Fact]
    public void Dynamic_top_p_leaves_a_loop_that_fixed_top_p_cannot()
    {
        TorchRuntime.EnsureLoaded();
        // Every token is followed by A 0.82, B 0.12, C 0.06. With p = 0.8 the nucleus is A alone: A A A … forever.
        // Dynamic p sees "A A" repeat, rises to 0.9 (A, B) and then 1 (all three), and B or C gets drawn.
        using var model = TableLanguageModel.FromRows(3, [.. Enumerable.Range(0, 3).Select(t => (t, new[] { (A, 0.82), (B, 0.12), (C, 0.06) }))]);
        var fixedP = new TopPConfig(MaxTokens: 40, P: 0.8, Temperature: 1, Seed: 3);

        int[] fixedTokens = new TopPDecoder(fixedP).Decode(model, [A]);
        int[] dynamicTokens = new TopPDecoder(fixedP with { DynamicStep = 0.1, RepetitionNgram = 2 }).Decode(model, [A]);

        Assert.All(fixedTokens, t => Assert.Equal(A, t));
        Assert.Contains(dynamicTokens, t => t != A);
        Assert.True(DecodingMetrics.DistinctN(dynamicTokens, 2) > DecodingMetrics.DistinctN(fixedTokens, 2));
    }

    [Fact]
    public void The_same_seed_gives_the_same_text()
    {
        TorchRuntime.EnsureLoaded();
        using var model = TableLanguageModel.FromRows(3, [.. Enumerable.Range(0, 3).Select(t => (t, new[] { (A, 0.4), (B, 0.35), (C, 0.25) }))]);
        var config = new TopPConfig(MaxTokens: 30, P: 0.9, Temperature: 1.3, Seed: 8);

        Assert.Equal(new TopPDecoder(config).Decode(model, [A]), new TopPDecoder(config).Decode(model, [A]));
        Assert.NotEqual(new TopPDecoder(config).Decode(model, [A]), new TopPDecoder(config with { Seed = 9 }).Decode(model, [A]));
    }
}
