using DslRunner.Decoding;
using DslRunner.Native;

namespace DslRunner.Tests.Decoding;

public sealed class DecodingMetricsTests
{
    [Fact]
    public void Distinct_n_counts_unique_n_grams_over_all_n_grams()
    {
        int[] text = [1, 2, 1, 2, 3];

        Assert.Equal(3 / 5.0, DecodingMetrics.DistinctN(text, 1));
        Assert.Equal(3 / 4.0, DecodingMetrics.DistinctN(text, 2)); // 1 2, 2 1, 1 2, 2 3
        Assert.Equal(0, DecodingMetrics.DistinctN([7], 2));
    }

    [Fact]
    public void The_repetition_rate_counts_tokens_seen_within_the_window_before_them()
    {
        int[] text = [5, 6, 5, 7, 8, 6];

        Assert.Equal(2 / 6.0, DecodingMetrics.RepetitionRate(text)); // the second 5 and the second 6
        Assert.Equal(1 / 6.0, DecodingMetrics.RepetitionRate(text, window: 3)); // 6 is four tokens back
        Assert.Equal(0, DecodingMetrics.RepetitionRate([]));
    }

    [Fact]
    public void Tokens_per_second_divides_by_the_wall_time()
    {
        Assert.Equal(40, DecodingMetrics.TokensPerSecond(20, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void The_models_view_of_a_text_gives_its_perplexity_and_nucleus_sizes()
    {
        TorchRuntime.EnsureLoaded();
        const int A = 0, B = 1, C = 2;
        // After A: A 0.5, B 0.5 (nucleus at 0.9: 2). After B: C 0.8, A 0.2 (nucleus: 2). After C: C 1 (nucleus: 1).
        using var model = TableLanguageModel.FromRows(3,
            (A, [(A, 0.5), (B, 0.5)]),
            (B, [(C, 0.8), (A, 0.2)]),
            (C, [(C, 1.0)]));

        // Prompt A, text B C C: probabilities 0.5, 0.8, 1 → perplexity (0.5 · 0.8 · 1)^(−1/3); nuclei 2, 2, 1.
        var (perplexity, nucleus) = DecodingMetrics.ModelView(model, [A], [B, C, C], p: 0.9);

        Assert.Equal(Math.Pow(0.4, -1 / 3.0), perplexity, 4);
        Assert.Equal(5 / 3.0, nucleus, 6);
    }

    [Fact]
    public void A_report_gathers_every_measure()
    {
        float coinToss = MathF.Log(0.5f);
        var decoded = new Decoded([1, 1, 0, 1], [coinToss, coinToss, coinToss, coinToss], [2, 2, 2, 2]);

        var report = DecodingMetrics.Measure(decoded, tokensPerSecond: 2);

        // 1 1 0 1: unigrams 2 of 4 distinct, bigrams 3 of 3, the 2nd and 4th tokens repeat; every step is a coin toss.
        Assert.Equal(new DecodingReport(0.5, 1, 0.5, 2, 2, 2), report with { Perplexity = Math.Round(report.Perplexity, 4) });
    }
}
