using System.Text.Json.Serialization;
using DslRunner.Losses;

namespace DslRunner.Config;

/// <summary>One term of the training loss; the total is their sum.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(CrossEntropyConfig), "cross_entropy")]
[JsonDerivedType(typeof(CapacityLossConfig), "capacity")]
[JsonDerivedType(typeof(L1Config), "l1")]
[JsonDerivedType(typeof(CustomLossConfig), "custom")]
public abstract record LossTermConfig
{
    /// <summary>The loss term this record declares.</summary>
    public abstract LossTerm Build();
}

public sealed record CrossEntropyConfig : LossTermConfig
{
    public override LossTerm Build() => new CrossEntropyLoss();
}

/// <summary>Seed 000's capacity constraint: λ·(1/C − 1/C_target)² on the token vectors.</summary>
/// <param name="Lambda">Weight λ ≥ 0.</param>
/// <param name="Target">Target capacity C_target in (0, 1].</param>
/// <param name="Warmup">Steps over which λ ramps linearly from 0 (0 = constant).</param>
public sealed record CapacityLossConfig(double Lambda, double Target, int Warmup) : LossTermConfig
{
    public override LossTerm Build() => new CapacityLoss(this);
}

/// <summary>L1 penalty on all weight matrices, for sparsity.</summary>
public sealed record L1Config(double Weight) : LossTermConfig
{
    public override LossTerm Build() => new L1Loss(this);
}

/// <summary>A loss term written in C# (a class deriving <c>DslRunner.Losses.LossTerm</c>), which generated code instantiates directly.</summary>
/// <param name="Type">The term's full type name, for manifests and reports.</param>
public sealed record CustomLossConfig(string Type) : LossTermConfig
{
    /// <summary>Never from the record: the generated code constructs the C# class itself (see <c>ConfiguredExperiment.CanBuild</c>).</summary>
    public override LossTerm Build() => throw new InvalidOperationException(
        $"the loss term {Type} is C# code: the generated experiment constructs it, a config cannot");
}
