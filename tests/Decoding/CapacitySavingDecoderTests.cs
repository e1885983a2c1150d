using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

public sealed class CapacitySavingDecoderTests
{
    const int Start = 0, A = 1, B = 2, C = 3, X = 4, Y = 5;

    // p = 0.95. After the start: A 0.5, B 0.3, C 0.2; the nucleus holds all three (C's predecessors hold 0.8).
    // Looking one step ahead:
    //   after A the next token is uniform over A B C X Y (0.2 each): 4 predecessors hold 0.8 < 0.95, so 5 possibilities;
    //   after B it is B or C (0.5 each): 2 possibilities;
    //   after C it is C with 0.97: its successors' predecessors hold 0.97 ≥ 0.95, so 1 possibility.
    // Scores (weight 1): A 0.5 / 5 = 0.10, B 0.3 / 2 = 0.15, C 0.2 / 1 = 0.20, so C, where greedy takes A.
    // After C the nucleus is C alone: C again.
    static TableLanguageModel SeedExample() => TableLanguageModel.FromRows(6,
        (Start, [(A, 0.5), (B, 0.3), (C, 0.2)]),
        (A, [(A, 0.2), (B, 0.2), (C, 0.2), (X, 0.2), (Y, 0.2)]),
        (B, [(B, 0.5), (C, 0.5)]),
        (C, [(C, 0.97), (A, 0.01), (B, 0.01), (X, 0.01)]));

    static CapacitySavingConfig Config(int maxTokens) => new(maxTokens, P: 0.95, Weight: 1);

    [Fact]
    public void It_picks_the_candidate_that_opens_the_fewest_possibilities_for_its_probability()
    {
        TorchRuntime.EnsureLoaded();
        using var model = SeedExample();

        Assert.Equal([A], new GreedyDecoder(1).Decode(model, [Start]));
        Assert.Equal([C, C], new CapacitySavingDecoder(Config(2)).Decode(model, [Start]));
    }

    [Fact]
    public void Each_candidate_is_scored_by_strength_over_its_next_nucleus_size()
    {
        TorchRuntime.EnsureLoaded();
        using var model = SeedExample();
        using var noGrad = no_grad();
        using var state = model.StartDecoding();
        using var logits = state.Append(tensor(new long[] { Start }, [1, 1]));

        var scored = new CapacitySavingDecoder(Config(1) with { Weight = 2 }).Score(state, logits[0]);

        Assert.Equal([A, B, C], scored.Select(c => c.Token));
        Assert.Equal([5L, 2, 1], scored.Select(c => c.Possibilities));
        Assert.Equal([0.05, 0.045, 0.04], scored.Select(c => Math.Round(c.Score, 4))); // strength² / possibilities
    }

    [Fact]
    public void The_exponent_w_trades_strength_against_possibilities()
    {
        TorchRuntime.EnsureLoaded();
        using var model = SeedExample();

        // w 0: 1/5, 1/2, 1/1 → C. w 1: 0.10, 0.15, 0.20 → C. w 2: 0.05, 0.045, 0.04 → A, greedy's choice.
        Assert.Equal([C], new CapacitySavingDecoder(Config(1) with { Weight = 0 }).Decode(model, [Start]));
        Assert.Equal([C], new CapacitySavingDecoder(Config(1)).Decode(model, [Start]));
        Assert.Equal([A], new CapacitySavingDecoder(Config(1) with { Weight = 2 }).Decode(model, [Start]));
    }

    [Fact]
    public void A_two_step_strength_prefers_candidates_with_a_confident_follow_up()
    {
        TorchRuntime.EnsureLoaded();
        // p = 0.95. Start: A 0.55, B 0.45. After A: A or B (0.5 each), 2 possibilities, best follow-up 0.5.
        // After B: B 0.9, C 0.06 (X 0.04 is past 0.95), 2 possibilities, best follow-up 0.9.
        // Probability: A 0.55 / 2 = 0.275 beats B 0.45 / 2 = 0.225.
        // Two-step: A 0.55 · 0.5 / 2 = 0.1375 loses to B 0.45 · 0.9 / 2 = 0.2025.
        using var model = TableLanguageModel.FromRows(5,
            (Start, [(A, 0.55), (B, 0.45)]),
            (A, [(A, 0.5), (B, 0.5)]),
            (B, [(B, 0.9), (C, 0.06), (X, 0.04)]));

        Assert.Equal([A], new CapacitySavingDecoder(Config(1)).Decode(model, [Start]));
        Assert.Equal([B], new CapacitySavingDecoder(Config(1) with { Strength = CandidateStrength.TwoStepProbability }).Decode(model, [Start]));
    }

    [Fact]
    public void Sampled_over_scores_it_draws_candidates_in_proportion_to_their_scores()
    {
        TorchRuntime.EnsureLoaded();
        using var model = SeedExample();

        // Scores 0.10, 0.15, 0.20: A, B, C with 2/9, 3/9, 4/9.
        var firsts = Enumerable.Range(0, 300)
            .Select(seed => new CapacitySavingDecoder(Config(1) with { Pick = CandidatePick.Sample, Seed = seed }).Decode(model, [Start])[0])
            .ToArray();

        Assert.InRange(firsts.Count(t => t == A) / 300.0, 0.14, 0.30);
        Assert.InRange(firsts.Count(t => t == C) / 300.0, 0.36, 0.53);
    }

    [Fact]
    public void On_a_transformer_the_cached_look_ahead_scores_like_a_recomputed_one()
    {
        TorchRuntime.Configure(1, 17);
        using var model = new GptModel(new TransformerConfig(2, 16, 2, Context: 10, OutputHead.Cosine, Dropout: 0, CosineScale: 4), vocabularySize: 11);
        using var noGrad = no_grad();
        model.eval();
        var decoder = new CapacitySavingDecoder(new CapacitySavingConfig(1, P: 0.9, Weight: 1));
        using var cached = model.StartDecoding();
        using var recomputed = new RecomputingDecodingState(model);
        using var prompt = tensor(new long[] { 3, 1, 4, 1, 5 }, [1, 5]);

        var fromCache = decoder.Score(cached, cached.Append(prompt)[0]);
        var fromRecompute = decoder.Score(recomputed, recomputed.Append(prompt)[0]);

        Assert.True(fromCache.Count > 1);
        Assert.Equal(fromRecompute.Select(c => (c.Token, c.Possibilities)), fromCache.Select(c => (c.Token, c.Possibilities)));
        Assert.Equal(fromRecompute.Select(c => c.Score), fromCache.Select(c => c.Score), (x, y) => Math.Abs(x - y) < 1e-5);
    }
}
