using DslRunner.Native;
using DslRunner.Config;
using DslRunner.Geometry;
using static TorchSharp.torch;

namespace DslRunner.Losses;

/// <summary>
/// Seed 000's capacity constraint λ(step)·(1/C − 1/C_target)², with C the <see cref="Capacity"/> of the model's
/// input token vectors; its gradient flows into those vectors. λ ramps linearly from 0 to <c>Lambda</c> over the
/// first <c>Warmup</c> optimizer steps (constant when Warmup is 0), so the term does not pull the embedding
/// apart before cross-entropy has shaped it.
/// </summary>
public sealed class CapacityLoss : LossTerm
{
    readonly CapacityLossConfig _config;

    public CapacityLoss(CapacityLossConfig config)
    {
        if (config.Lambda < 0) throw new ArgumentOutOfRangeException(nameof(config), config.Lambda, "λ must not be negative");
        if (config.Target is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(config), config.Target, "the target capacity must lie in (0, 1]");
        if (config.Warmup < 0) throw new ArgumentOutOfRangeException(nameof(config), config.Warmup, "warm-up steps must not be negative");
        _config = config;
    }

    public override string Name => "capacity";

    /// <summary>λ at a 1-based optimizer step: Lambda·min(1, step/Warmup), or Lambda when Warmup is 0.</summary>
    public double LambdaAt(int step) =>
        _config.Warmup == 0 ? _config.Lambda : _config.Lambda * Math.Clamp((double)step / _config.Warmup, 0, 1);

    public override Tensor Compute(LossInputs inputs)
    {
        using var scope = NewDisposeScope();
        var capacity = Capacity.Of(inputs.Model.TokenVectors);
        var gap = capacity.reciprocal().Minus(1.0 / _config.Target);
        return gap.Squared().Times(LambdaAt(inputs.Step)).MoveToOuterDisposeScope();
    }
}

/// <summary>Seed 000's capacity constraint: λ·(1/C − 1/C_target)² on the token vectors.</summary>
/// <param name="Lambda">Weight λ ≥ 0.</param>
/// <param name="Target">Target capacity C_target in (0, 1].</param>
/// <param name="Warmup">Steps over which λ ramps linearly from 0 (0 = constant).</param>
public sealed record CapacityLossConfig(double Lambda, double Target, int Warmup) : LossTermConfig
{
    public override LossTerm Build() => new CapacityLoss(this);
}
