using System.Globalization;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Sparsity;
using static TorchSharp.torch;

namespace DslRunner.Benchmarks.Training;

/// <summary>
/// Sparse (COO) against dense matrix products at the sparsity study's layer shapes and at realistic ones: a transformer
/// block's two feed-forward layers (4d × d and d × 4d) for d = 64 (the study's models), 512, 1,024 and 2,048, with
/// weights drawn at random and magnitude-pruned to 50, 80 and 90 % zeros, one batch of tokens through both. Dense and
/// sparse alternate within each round (<see cref="LayerSpeed"/>); medians and quartiles of dense ÷ sparse over rounds.
/// One thread, as the study's runs train.
/// </summary>
public static class SparseLayerBenchmark
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    static readonly int[] Widths = [64, 512, 1024, 2048];
    static readonly double[] Sparsities = [0.5, 0.8, 0.9];

    public static int Run(string[] args)
    {
        int rounds = TrainingBenchmark.IntOption(args, "--rounds", 7);
        int tokens = TrainingBenchmark.IntOption(args, "--tokens", 1024);
        TorchRuntime.Configure(threads: 1, seed: 1);
        Console.WriteLine(string.Create(Invariant, $"sparse (COO) vs dense y = x·Wᵀ, feed-forward layers 4d × d and d × 4d, {tokens} tokens, {rounds} rounds, 1 thread, {MachineInfo.Current().Cpu}"));
        Console.WriteLine("| d | zeros | dense ÷ sparse time, median [quartiles] |");
        Console.WriteLine("|---:|---:|---|");
        foreach (int d in Widths)
            foreach (double sparsity in Sparsities)
            {
                using var scope = NewDisposeScope();
                Tensor[] layers = [Pruned(4 * d, d, sparsity, seed: d), Pruned(d, 4 * d, sparsity, seed: d + 1)];
                var speed = LayerSpeed.Measure(layers, tokens, rounds, seed: 1);
                Console.WriteLine(string.Create(Invariant,
                    $"| {d} | {sparsity:P0} | {speed.Median:F2} [{speed.LowerQuartile:F2}, {speed.UpperQuartile:F2}] |"));
            }
        Console.WriteLine("above 1: the sparse product is faster");
        return 0;
    }

    /// <summary>A rows × columns weight drawn from N(0, 1) with its smallest-magnitude <paramref name="sparsity"/> share set to zero.</summary>
    static Tensor Pruned(int rows, int columns, double sparsity, int seed)
    {
        var weight = randn([rows, columns], generator: new TorchSharp.torch.Generator((ulong)seed));
        var magnitudes = weight.abs().flatten();
        long keep = (long)Math.Round(magnitudes.shape[0] * (1 - sparsity));
        double threshold = magnitudes.topk((int)keep).values.min().item<float>();
        return weight.mul(weight.abs().ge(threshold));
    }
}
