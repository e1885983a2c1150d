using DslRunner.Decoding;
using DslRunner.Native;

namespace DslRunner.Tests.Decoding;

public sealed class MinPDecoderTests
{
    const int A = 0, B = 1, C = 2;

    // After every token: A 0.5, B 0.3, C 0.2.
    static TableLanguageModel Model() =>
        TableLanguageModel.FromRows(3, [.. Enumerable.Range(0, 3).Select(t => (t, new[] { (A, 0.5), (B, 0.3), (C, 0.2) }))]);

    [Fact]
    public void Only_tokens_at_least_min_p_times_as_probable_as_the_top_one_are_drawn()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Model();

        // min_p 0.5: the cut is 0.25, so A and B stay and C (0.2) never comes.
        int[] tokens = new MinPDecoder(new MinPConfig(MaxTokens: 60, MinP: 0.5, Temperature: 1, Seed: 4)).Decode(model, [A]);

        Assert.DoesNotContain(C, tokens);
        Assert.Contains(B, tokens);
        Assert.Contains(A, tokens);
    }

    [Fact]
    public void Min_p_one_is_greedy_and_a_seed_repeats_its_text()
    {
        TorchRuntime.EnsureLoaded();
        using var model = Model();
        var config = new MinPConfig(MaxTokens: 30, MinP: 0.1, Temperature: 1, Seed: 9);

        Assert.Equal(new GreedyDecoder(30).Decode(model, [A]), new MinPDecoder(config with { MinP = 1 }).Decode(model, [A]));
        Assert.Equal(new MinPDecoder(config).Decode(model, [A]), new MinPDecoder(config).Decode(model, [A]));
        Assert.Equal("min_p", new MinPDecoder(config).Key);
    }
}
