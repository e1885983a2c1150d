using System.Diagnostics;
using DslRunner.Models;
using DslRunner.Statistics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Sparsity;

/// <summary>
/// Sparse against dense on a model's own linear layers: per repetition, the time of y = x·Wᵀ through every linear
/// layer with W dense over the time with W as a sparse (COO) tensor, for one batch of <c>tokens</c> inputs.
/// </summary>
/// <param name="Layers">The (rows × columns) shape of each linear layer timed.</param>
/// <param name="Ratios">Dense time over sparse time, one per repetition (above 1 = sparse faster).</param>
public sealed record LayerSpeed(IReadOnlyList<(long Rows, long Columns)> Layers, IReadOnlyList<double> Ratios)
{
    public double Median => Quantiles.Median(Ratios);

    public double LowerQuartile => Quantiles.Of(Ratios, 0.25);

    public double UpperQuartile => Quantiles.Of(Ratios, 0.75);

    /// <summary>
    /// Times the layers as they are (pruned weights stay zero). Dense and sparse alternate within each repetition and
    /// swap order every other one, so drift on a shared machine falls on both; two untimed warm-up repetitions come first.
    /// </summary>
    /// <param name="clock">Timestamps in <see cref="Stopwatch.Frequency"/> ticks; <see cref="Stopwatch.GetTimestamp"/> unless given.</param>
    public static LayerSpeed Measure(LanguageModel model, int tokens, int repetitions, int seed, Func<long>? clock = null)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var layers = model.modules().OfType<Linear>().Select(l => l.weight!.detach()).ToList();
        if (layers.Count == 0) throw new ArgumentException("the model has no linear layer", nameof(model));
        return Measure(layers, tokens, repetitions, seed, clock);
    }

    /// <summary>The same timing for any weight matrices (rows × columns), as they are: for layer shapes no model here has.</summary>
    public static LayerSpeed Measure(IReadOnlyList<Tensor> layers, int tokens, int repetitions, int seed, Func<long>? clock = null)
    {
        if (repetitions < 1) throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "at least one repetition");
        if (layers.Count == 0) throw new ArgumentException("no layer to time", nameof(layers));
        clock ??= Stopwatch.GetTimestamp;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var inputs = layers.Select(w => randn([w.shape[1], tokens], generator: generator)).ToList();   // xᵀ: (columns, tokens)
        var sparse = layers.Select(w => w.to_sparse()).ToList();

        double Time(IReadOnlyList<Tensor> weights)
        {
            long start = clock();
            for (int i = 0; i < weights.Count; i++)
            {
                using var _ = weights[i].mm(inputs[i]);
            }
            return clock() - start;
        }

        var ratios = new List<double>(repetitions);
        for (int r = -2; r < repetitions; r++)
        {
            double dense, sparseTime;
            if (r % 2 == 0) { dense = Time(layers); sparseTime = Time(sparse); }
            else { sparseTime = Time(sparse); dense = Time(layers); }
            if (r >= 0) ratios.Add(sparseTime > 0 ? dense / sparseTime : double.NaN);
        }
        return new LayerSpeed([.. layers.Select(w => (w.shape[0], w.shape[1]))], ratios);
    }
}
