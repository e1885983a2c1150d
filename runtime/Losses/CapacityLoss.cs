using DslRunner.Native;
using DslRunner.Config;
using DslRunner.Geometry;
using static TorchSharp.torch;

namespace DslRunner.Losses;

/// <summary>
/// Seed 000's capacity constraint weight(step)·(1/C − 1/C_target)² (seed 000's λ), with C the <see cref="Capacity"/> of
/// the model's input token vectors; its gradient flows into those vectors. The weight ramps linearly from 0 to <c>Weight</c> over the
/// first <c>Warmup</c> optimizer steps (constant when Warmup is 0), so the term does not pull the embedding
/// apart before cross-entropy has shaped it.
/// </summary>
public sealed class CapacityLoss : LossTerm
{
    readonly CapacityLossConfig _config;

    public CapacityLoss(CapacityLossConfig config)
    {
        if (config.Weight < 0) throw new ArgumentOutOfRangeException(nameof(config), config.Weight, "the weight must not be negative");
        if (config.Target is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(config), config.Target, "the target capacity must lie in (0, 1]");
        if (config.Warmup < 0) throw new ArgumentOutOfRangeException(nameof(config), config.Warmup, "warm-up steps must not be negative");
        _config = config;
    }

    public override string Name => "capacity";

    /// <summary>The weight at a 1-based optimizer step: Weight·min(1, step/Warmup), or Weight when Warmup is 0.</summary>
    public double WeightAt(int step) =>
        _config.Warmup == 0 ? _config.Weight : _config.Weight * Math.Clamp((double)step / _config.Warmup, 0, 1);

    public override Tensor Compute(LossInputs inputs)
    {
        using var scope = NewDisposeScope();
        var capacity = Capacity.Of(inputs.Model.TokenVectors);
        var gap = capacity.reciprocal().Minus(1.0 / _config.Target);
        return gap.Squared().Times(WeightAt(inputs.Step)).MoveToOuterDisposeScope();
    }
}

/// <summary>Seed 000's capacity constraint: weight·(1/C − 1/C_target)² on the token vectors.</summary>
/// <param name="Weight">Penalty weight ≥ 0 (seed 000's λ; recorded as <c>lambda</c> by runs before the key was renamed).</param>
/// <param name="Target">Target capacity C_target in (0, 1].</param>
/// <param name="Warmup">Steps over which the weight ramps linearly from 0 (0 = constant).</param>
public sealed record CapacityLossConfig(double Weight, double Target, int Warmup) : LossTermConfig
{
    public override LossTerm Build() => new CapacityLoss(this);
}
