using DslRunner.Native;
using DslRunner.Config;
using DslRunner.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Sparsity;

/// <summary>
/// Magnitude pruning (seed 003): on the <see cref="PruningSchedule"/>, the smallest-magnitude entries of the
/// model's weight matrices (parameters with two or more dimensions: linear layers and embeddings) are set to
/// zero, ranked across all matrices at once (global scope) or within each matrix (layer scope), and kept at
/// zero for the rest of training by re-applying the masks after every optimizer step.
/// </summary>
/// <remarks>
/// Call <see cref="OnStepEnd"/> after each optimizer step. Pruning a fraction s of N weights zeroes exactly
/// round(s·N) of them (per matrix in layer scope). Pruned weights have magnitude 0, so they rank first again at
/// the next pruning and the masks only ever grow. The masks live outside every dispose scope; dispose the pruner.
/// </remarks>
public sealed class MagnitudePruner : IDisposable
{
    readonly SparsityConfig _config;
    readonly IReadOnlyList<(string Name, Parameter Weight)> _matrices;
    readonly Tensor?[] _masks;

    public MagnitudePruner(SparsityConfig config, LanguageModel model, PruningRamp ramp = PruningRamp.Cubic)
    {
        if (config.Method != PruningMethod.Magnitude)
            throw new ArgumentException($"pruning method '{config.Method}' is not magnitude pruning", nameof(config));
        Schedule = new PruningSchedule(config, ramp);
        _config = config;
        _matrices = model.named_parameters().Where(p => p.parameter.requires_grad && p.parameter.dim() >= 2).ToList();
        if (_matrices.Count == 0) throw new ArgumentException("the model has no weight matrix to prune", nameof(model));
        _masks = new Tensor?[_matrices.Count];
    }

    public PruningSchedule Schedule { get; }

    /// <summary>The sparsity the last pruning aimed at (0 before the first).</summary>
    public double TargetSparsity { get; private set; }

    /// <summary>Weights in the pruned matrices.</summary>
    public long PrunableWeights => _matrices.Sum(m => m.Weight.numel());

    /// <summary>Re-prunes when the schedule says so, then zeroes every pruned weight again.</summary>
    public void OnStepEnd(int step)
    {
        if (Schedule.PrunesAt(step)) Prune(Schedule.SparsityAt(step));
        ApplyMasks();
    }

    /// <summary>Prunes to <paramref name="sparsity"/> now, whatever the schedule, and applies the masks.</summary>
    public void Prune(double sparsity)
    {
        if (sparsity is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "sparsity must lie in [0, 1)");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var masks = _config.Scope switch
        {
            PruningScope.Global => GlobalMasks(sparsity),
            PruningScope.Layer => _matrices.Select(m => KeepLargest(m.Weight.abs().flatten(), sparsity).reshape(m.Weight.shape)).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(_config.Scope), _config.Scope, null),
        };
        for (int i = 0; i < _masks.Length; i++)
        {
            _masks[i]?.Dispose();
            _masks[i] = masks[i].to_type(_matrices[i].Weight.dtype).DetachFromDisposeScope();
        }
        TargetSparsity = sparsity;
        ApplyMasks();
    }

    /// <summary>
    /// Rebuilds the masks of a run resumed after <paramref name="step"/> from the weights themselves (the zero
    /// entries of a checkpoint are the pruned ones), so pruned weights stay zero without saving the masks.
    /// </summary>
    public void ResumeAt(int step)
    {
        if (Schedule.LastPruningAtOrBefore(step) is not { } lastPruning) return;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int i = 0; i < _masks.Length; i++)
        {
            _masks[i]?.Dispose();
            _masks[i] = _matrices[i].Weight.ne(Scalars.Zero).to_type(_matrices[i].Weight.dtype).DetachFromDisposeScope();
        }
        TargetSparsity = Schedule.SparsityAt(lastPruning);
    }

    /// <summary>Fraction of the pruned matrices' weights that are exactly zero.</summary>
    public double MeasuredSparsity()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long zeros = _matrices.Sum(m => m.Weight.eq(Scalars.Zero).sum().item<long>());
        return (double)zeros / PrunableWeights;
    }

    /// <summary>Each pruned matrix's name and its fraction of zero weights.</summary>
    public IReadOnlyList<(string Name, double Sparsity)> LayerSparsity()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return _matrices.Select(m => (m.Name, (double)m.Weight.eq(Scalars.Zero).sum().item<long>() / m.Weight.numel())).ToList();
    }

    void ApplyMasks()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (int i = 0; i < _masks.Length; i++)
            if (_masks[i] is { } mask) _matrices[i].Weight.mul_(mask);
    }

    List<Tensor> GlobalMasks(double sparsity)
    {
        var magnitudes = cat(_matrices.Select(m => m.Weight.abs().flatten()).ToList());
        var keep = KeepLargest(magnitudes, sparsity);
        var masks = new List<Tensor>(_matrices.Count);
        long offset = 0;
        foreach (var (_, weight) in _matrices)
        {
            masks.Add(keep.narrow(0, offset, weight.numel()).reshape(weight.shape));
            offset += weight.numel();
        }
        return masks;
    }

    /// <summary>A boolean mask over <paramref name="magnitudes"/> (1-D) that drops exactly round(sparsity·n) smallest.</summary>
    static Tensor KeepLargest(Tensor magnitudes, double sparsity)
    {
        long pruned = (long)Math.Round(sparsity * magnitudes.numel(), MidpointRounding.AwayFromZero);
        var keep = ones(magnitudes.shape, ScalarType.Bool);
        if (pruned == 0) return keep;
        var smallest = magnitudes.sort(stable: true).Indices.narrow(0, 0, pruned);
        return keep.index_fill_(0, smallest, Scalars.False);
    }

    public void Dispose()
    {
        foreach (var mask in _masks) mask?.Dispose();
        Array.Clear(_masks);
    }
}
