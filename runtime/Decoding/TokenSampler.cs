using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Draws tokens from non-negative weights with a seeded System.Random, so a decode is reproducible from its seed
/// alone, whatever else used libtorch's generator in between.
/// </summary>
internal sealed class TokenSampler(int seed)
{
    readonly Random _random = new(seed);

    /// <summary>Index i with probability weights[i] / Σ weights; weights is one row (V).</summary>
    public int Draw(Tensor weights)
    {
        using var scope = NewDisposeScope();
        double[] values = weights.to_type(float64).data<double>().ToArray();
        return Draw(values);
    }

    public int Draw(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double weight in weights) total += weight;
        if (!(total > 0)) throw new ArgumentException("sampling needs a positive total weight", nameof(weights));
        double target = _random.NextDouble() * total;
        int last = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0) continue;
            last = i;
            target -= weights[i];
            if (target < 0) return i;
        }
        return last;
    }

    /// <summary>
    /// One token per row of weights (B, V), row b drawn by <paramref name="samplers"/>[b]; the weights come to
    /// the host once for the whole batch. The tokens, (B) int64 on the weights' device.
    /// </summary>
    public static Tensor DrawRows(Tensor weights, IReadOnlyList<TokenSampler> samplers, int[] drawn)
    {
        using var scope = NewDisposeScope();
        int vocabulary = (int)weights.shape[1];
        double[] values = weights.to_type(float64).cpu().data<double>().ToArray();
        var tokens = new long[samplers.Count];
        for (int row = 0; row < samplers.Count; row++)
            tokens[row] = drawn[row] = samplers[row].Draw(values.AsSpan(row * vocabulary, vocabulary));
        return tensor(tokens, device: weights.device).MoveToOuterDisposeScope();
    }
}
