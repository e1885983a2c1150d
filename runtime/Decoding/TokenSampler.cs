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

    public int Draw(double[] weights)
    {
        double total = weights.Sum();
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
}
