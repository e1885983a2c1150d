using DslRunner.Native;
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
        using var scope = NewDisposeScope();
        return PenalizeRepetition(logits.unsqueeze(0), [seen], penalty).squeeze(0).MoveToOuterDisposeScope();
    }

    /// <summary>The repetition penalty on rows of logits (B, V), row b's seen tokens <paramref name="seen"/>[b].</summary>
    public static Tensor PenalizeRepetition(Tensor logits, IReadOnlyList<IEnumerable<int>> seen, double penalty)
    {
        if (penalty == 1) return logits.alias();
        using var scope = NewDisposeScope();
        long vocabulary = logits.shape[1];
        var index = tensor(seen.SelectMany((tokens, row) => tokens.Distinct().Select(t => row * vocabulary + t)).ToArray(), device: logits.device);
        var flat = logits.reshape(-1);
        var chosen = flat.index_select(0, index);
        var penalized = where(chosen.gt(Scalars.Zero), chosen.DividedBy(penalty), chosen.Times(penalty));
        return flat.scatter(0, index, penalized).view(logits.shape).MoveToOuterDisposeScope();
    }

    /// <summary>Logits outside each row's k largest set to −∞; k = 0 leaves them as they are.</summary>
    public static Tensor KeepTopK(Tensor logits, int k)
    {
        if (k <= 0 || k >= logits.shape[^1]) return logits.alias();
        using var scope = NewDisposeScope();
        var kth = logits.topk(k, dim: -1).values[TensorIndex.Ellipsis, ^1..]; // (…, 1)
        return logits.masked_fill(logits < kth, Scalars.NegativeInfinity).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The nucleus (top-p set) of each row of probabilities: the fewest most probable tokens whose total reaches
    /// <paramref name="p"/>, i.e. every token whose more probable predecessors hold less than p. Never empty;
    /// zero-probability tokens are never in it. A boolean mask of the same shape.
    /// </summary>
    public static Tensor NucleusMask(Tensor probabilities, double p)
    {
        CheckP(p);
        using var scope = NewDisposeScope();
        var (sorted, order) = probabilities.sort(dim: -1, descending: true);
        var keep = Kept(sorted, p);
        return zeros_like(keep).scatter(-1, order, keep).MoveToOuterDisposeScope();
    }

    /// <summary>The nucleus of each row b of probabilities (B, V) at its own p, <paramref name="p"/>[b].</summary>
    public static Tensor NucleusMask(Tensor probabilities, IReadOnlyList<double> p)
    {
        foreach (double each in p) CheckP(each);
        if (p.All(each => each == p[0])) return NucleusMask(probabilities, p[0]);
        using var scope = NewDisposeScope();
        var (sorted, order) = probabilities.sort(dim: -1, descending: true);
        var rowP = tensor(p.ToArray(), dtype: probabilities.dtype, device: probabilities.device).unsqueeze(1); // (B, 1)
        var keep = ((sorted.cumsum(-1) - sorted) < rowP).logical_and(sorted.gt(Scalars.Zero));
        return zeros_like(keep).scatter(-1, order, keep).MoveToOuterDisposeScope();
    }

    /// <summary>Size of each row's nucleus (see <see cref="NucleusMask(Tensor, double)"/>), (…).</summary>
    public static Tensor NucleusSizes(Tensor probabilities, double p)
    {
        CheckP(p);
        using var scope = NewDisposeScope();
        var sorted = probabilities.sort(dim: -1, descending: true).Values;
        return Kept(sorted, p).sum(-1).MoveToOuterDisposeScope();
    }

    /// <summary>Which of the sorted probabilities are in the nucleus: those whose predecessors hold less than p.</summary>
    static Tensor Kept(Tensor sorted, double p) => (sorted.cumsum(-1) - sorted).LessThan(p).logical_and(sorted.gt(Scalars.Zero));

    static void CheckP(double p)
    {
        if (p is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "top-p must be in (0, 1]");
    }
}
