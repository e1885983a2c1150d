using DslRunner.Losses;

namespace DslRunner.Config;

/// <summary>One term of the training loss; the total is their sum.</summary>
public abstract record LossTermConfig
{
    /// <summary>The loss term this record declares.</summary>
    public abstract LossTerm Build();
}

/// <summary>A loss term written in C# (a class deriving <c>DslRunner.Losses.LossTerm</c>), which generated code instantiates directly.</summary>
/// <param name="Type">The term's full type name, for manifests and reports.</param>
/// <param name="Arguments">The parameters it was declared with (<c>beta=0.1</c>); null when none.</param>
public sealed record CustomLossConfig(string Type, string? Arguments = null) : LossTermConfig
{
    /// <summary>Never from the record: the generated code constructs the C# class itself (see <c>ConfiguredExperiment.CanBuild</c>).</summary>
    public override LossTerm Build() => throw new InvalidOperationException(
        $"the loss term {Type} is C# code: the generated experiment constructs it, a config cannot");
}
