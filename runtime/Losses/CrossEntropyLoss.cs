using DslRunner.Config;
using static TorchSharp.torch;

namespace DslRunner.Losses;

/// <summary>Mean next-token cross-entropy, −Σ y log p over all positions.</summary>
public sealed class CrossEntropyLoss : LossTerm
{
    public override string Name => "cross_entropy";

    public override Tensor Compute(LossInputs inputs)
    {
        long vocabulary = inputs.Logits.shape[^1];
        return nn.functional.cross_entropy(inputs.Logits.reshape(-1, vocabulary), inputs.Targets.reshape(-1));
    }
}

public sealed record CrossEntropyConfig : LossTermConfig
{
    public override LossTerm Build() => new CrossEntropyLoss();
}
