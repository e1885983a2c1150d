using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

public sealed class GreedyAndBeamDecoderTests
{
    const int Start = 0, A = 1, B = 2, C = 3;

    // From the start A is likelier than B, but after A the next token is a coin toss while B is followed by C
    // with 0.9: greedy takes A then A (0.5 · 0.34 = 0.17); a beam of two finds B C (0.4 · 0.9 = 0.36).
    static TableLanguageModel GreedyTrap() => TableLanguageModel.FromRows(4,
        (Start, [(A, 0.5), (B, 0.4), (C, 0.1)]),
        (A, [(A, 0.34), (B, 0.33), (C, 0.33)]),
        (B, [(C, 0.9), (A, 0.05), (B, 0.05)]),
        (C, [(A, 0.4), (B, 0.3), (C, 0.3)]));

    [Fact]
    public void Greedy_follows_the_most_probable_token_and_beam_search_the_most_probable_sequence()
    {
        TorchRuntime.EnsureLoaded();
        using var model = GreedyTrap();

        Assert.Equal([A, A], new GreedyDecoder(maxTokens: 2).Decode(model, [Start]));
        Assert.Equal([B, C], new BeamDecoder(new BeamConfig(MaxTokens: 2, Width: 2, LengthPenalty: 0)).Decode(model, [Start]));
        Assert.Equal([A, A], new BeamDecoder(new BeamConfig(MaxTokens: 2, Width: 1, LengthPenalty: 0)).Decode(model, [Start]));
    }

    [Fact]
    public void The_length_penalty_decides_between_a_short_ending_and_a_long_likely_continuation()
    {
        TorchRuntime.EnsureLoaded();
        const int End = 2, Other = 3;
        // [End] has log-probability ln 0.4 = −0.92 (one token); [A A A] has ln 0.35 + 2 ln 0.8 = −1.50, a mean of
        // −0.50 per token. α = 0 ranks by total: [End]; α = 1 ranks by mean: [A A A].
        using var model = TableLanguageModel.FromRows(4,
            (Start, [(End, 0.4), (A, 0.35), (Other, 0.25)]),
            (A, [(A, 0.8), (End, 0.1), (Other, 0.1)]),
            (Other, [(Other, 0.5), (A, 0.25), (End, 0.25)]));

        Assert.Equal([End], new BeamDecoder(new BeamConfig(3, Width: 2, LengthPenalty: 0, EndToken: End)).Decode(model, [Start]));
        Assert.Equal([A, A, A], new BeamDecoder(new BeamConfig(3, Width: 2, LengthPenalty: 1, EndToken: End)).Decode(model, [Start]));
    }

    [Fact]
    public void Greedy_decoding_with_the_cache_matches_recomputing_every_window_past_the_context()
    {
        TorchRuntime.Configure(1, 11);
        using var model = new GptModel(new TransformerConfig(2, 16, 2, Context: 6, OutputHead.Tied, Dropout: 0, CosineScale: null), vocabularySize: 9);
        int[] prompt = [1, 5, 2];

        int[] decoded = new GreedyDecoder(maxTokens: 10).Decode(model, prompt);

        var sequence = new List<int>(prompt);
        using (no_grad())
        {
            for (int i = 0; i < 10; i++)
            {
                long[] window = [.. sequence.TakeLast(model.Context).Select(t => (long)t)];
                using var logits = model.call(tensor(window, [1, window.Length]));
                sequence.Add((int)logits[0, -1].argmax().item<long>());
            }
        }
        Assert.Equal(sequence.Skip(prompt.Length), decoded);
    }

    [Fact]
    public void A_beam_of_width_one_is_greedy()
    {
        TorchRuntime.Configure(1, 12);
        using var model = new GptModel(new TransformerConfig(2, 16, 2, Context: 8, OutputHead.Dot, Dropout: 0, CosineScale: null), vocabularySize: 9);

        Assert.Equal(new GreedyDecoder(12).Decode(model, [3, 4]),
            new BeamDecoder(new BeamConfig(12, Width: 1, LengthPenalty: 0.6)).Decode(model, [3, 4]));
    }
}
