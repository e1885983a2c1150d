using DslRunner.Decoding;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Tests.Decoding;

public sealed class TokenDistributionTests
{
    [Fact]
    public void The_nucleus_is_the_fewest_most_probable_tokens_reaching_p()
    {
        TorchRuntime.EnsureLoaded();
        using var probabilities = tensor(new[] { 0.1f, 0.5f, 0.0f, 0.3f, 0.1f, 0.4f, 0.3f, 0.2f, 0.1f, 0.0f }, [2, 5]);

        using var mask = TokenDistribution.NucleusMask(probabilities, 0.75);
        using var sizes = TokenDistribution.NucleusSizes(probabilities, 1.0);

        // Row 0: 0.5 then 0.3 reach 0.8 ≥ 0.75. Row 1: 0.4 + 0.3 = 0.7 < 0.75, so 0.2 joins.
        Assert.Equal([false, true, false, true, false, true, true, true, false, false], mask.flatten().data<bool>().ToArray());
        // p = 1 takes every token with a probability, never a zero one.
        Assert.Equal([4L, 4], sizes.data<long>().ToArray());
    }

    [Fact]
    public void The_nucleus_always_holds_the_most_probable_token()
    {
        TorchRuntime.EnsureLoaded();
        using var probabilities = tensor(new[] { 0.2f, 0.7f, 0.1f });

        Assert.Equal(1, TokenDistribution.NucleusSizes(probabilities, 0.01).item<long>());
    }

    [Fact]
    public void Top_k_masks_all_but_the_k_largest_logits()
    {
        TorchRuntime.EnsureLoaded();
        using var logits = tensor(new[] { 1f, 4f, -2f, 3f });

        using var kept = TokenDistribution.KeepTopK(logits, 2);

        Assert.Equal([float.NegativeInfinity, 4f, float.NegativeInfinity, 3f], kept.data<float>().ToArray());
    }

    [Fact]
    public void The_repetition_penalty_divides_positive_and_multiplies_negative_logits_of_seen_tokens()
    {
        TorchRuntime.EnsureLoaded();
        using var logits = tensor(new[] { 2f, -1f, 3f, -4f });

        using var penalized = TokenDistribution.PenalizeRepetition(logits, [0, 1, 1], 2);

        Assert.Equal([1f, -2f, 3f, -4f], penalized.data<float>().ToArray());
        Assert.Equal([2f, -1f, 3f, -4f], logits.data<float>().ToArray());
    }
}
