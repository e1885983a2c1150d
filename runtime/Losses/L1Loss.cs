using DslRunner.Native;
using DslRunner.Config;
using static TorchSharp.torch;

namespace DslRunner.Losses;

/// <summary>
/// weight·Σ|w| over every weight matrix of the model (parameters with two or more dimensions: linear layers
/// and embeddings; biases, norms and scales are left alone), pushing weights to zero for sparsity (seed 003).
/// </summary>
public sealed class L1Loss : LossTerm
{
    readonly L1Config _config;

    public L1Loss(L1Config config)
    {
        if (config.Weight < 0) throw new ArgumentOutOfRangeException(nameof(config), config.Weight, "the L1 weight must not be negative");
        _config = config;
    }

    public override string Name => "l1";

    public override Tensor Compute(LossInputs inputs)
    {
        using var scope = NewDisposeScope();
        var matrices = inputs.Model.parameters().Where(p => p.requires_grad && p.dim() >= 2).ToList();
        if (matrices.Count == 0) throw new InvalidOperationException("the model has no weight matrix for the L1 term");
        var total = matrices[0].abs().sum();
        for (int i = 1; i < matrices.Count; i++) total = total.Plus(matrices[i].abs().sum());
        return total.Times(_config.Weight).MoveToOuterDisposeScope();
    }
}

/// <summary>L1 penalty on all weight matrices, for sparsity.</summary>
public sealed record L1Config(double Weight) : LossTermConfig
{
    public override LossTerm Build() => new L1Loss(this);
}
