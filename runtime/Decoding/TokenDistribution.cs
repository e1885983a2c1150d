using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>The filters decoders apply to next-token logits and probabilities, rows (…, V).</summary>
public static class TokenDistribution
{
    /// <summary>
    /// CTRL's repetition penalty on one row of logits (V): each token in <paramref name="seen"/> has its logit
    /// divided by <paramref name="penalty"/> when positive, multiplied by it when negative.
    /// </summary>
    public static Tensor PenalizeRepetition(Tensor logits, IEnumerable<int> seen, double penalty)
    {
        if (penalty == 1) return logits.alias();
        using var scope = NewDisposeScope();
        var index = tensor(seen.Distinct().Select(t => (long)t).ToArray());
        var chosen = logits.index_select(0, index);
        var penalized = where(chosen > 0, chosen / penalty, chosen * penalty);
        return logits.scatter(0, index, penalized).MoveToOuterDisposeScope();
    }

    /// <summary>Logits outside each row's k largest set to −∞; k = 0 leaves them as they are.</summary>
    public static Tensor KeepTopK(Tensor logits, int k)
    {
        if (k <= 0 || k >= logits.shape[^1]) return logits.alias();
        using var scope = NewDisposeScope();
        var kth = logits.topk(k, dim: -1).values[TensorIndex.Ellipsis, ^1..]; // (…, 1)
        return logits.masked_fill(logits < kth, double.NegativeInfinity).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The nucleus (top-p set) of each row of probabilities: the fewest most probable tokens whose total reaches
    /// <paramref name="p"/>, i.e. every token whose more probable predecessors hold less than p. Never empty;
    /// zero-probability tokens are never in it. A boolean mask of the same shape.
    /// </summary>
    public static Tensor NucleusMask(Tensor probabilities, double p)
    {
        if (p is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "top-p must be in (0, 1]");
        using var scope = NewDisposeScope();
        var (sorted, order) = probabilities.sort(dim: -1, descending: true);
        var before = sorted.cumsum(-1) - sorted;
        var keep = (before < p).logical_and(sorted > 0);
        return zeros_like(keep).scatter(-1, order, keep).MoveToOuterDisposeScope();
    }

    /// <summary>Size of each row's nucleus (see <see cref="NucleusMask"/>), (…).</summary>
    public static Tensor NucleusSizes(Tensor probabilities, double p)
    {
        using var scope = NewDisposeScope();
        return NucleusMask(probabilities, p).sum(-1).MoveToOuterDisposeScope();
    }
}
