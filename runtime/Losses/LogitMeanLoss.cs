using DslRunner.Native;
using DslRunner.Config;
using static TorchSharp.torch;

namespace DslRunner.Losses;

/// <summary>
/// Seed 000 logged |mean(logits)| growing while the loss falls; this term penalises it, weight·|mean(logits)| over
/// the batch's positions and vocabulary, so a study can hold the mean logit near zero and see what changes.
/// </summary>
public sealed class LogitMeanLoss : LossTerm
{
    readonly LogitMeanConfig _config;

    public LogitMeanLoss(LogitMeanConfig config)
    {
        if (config.Weight < 0) throw new ArgumentOutOfRangeException(nameof(config), config.Weight, "the logit-mean weight must not be negative");
        _config = config;
    }

    public override string Name => "logit_mean";

    public override Tensor Compute(LossInputs inputs)
    {
        using var scope = NewDisposeScope();
        return inputs.Logits.mean().abs().Times(_config.Weight).MoveToOuterDisposeScope();
    }
}

/// <summary>weight·|mean(logits)| on every training batch.</summary>
public sealed record LogitMeanConfig(double Weight) : LossTermConfig
{
    public override LossTerm Build() => new LogitMeanLoss(this);
}
