using DslRunner.Config;
using DslRunner.Declarations;
using DslRunner.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Pinned;

/// <summary>
/// The tiny GPT in attributed C# with a loss term written as a class and given a parameter: the C# front end's
/// components in a real build, run with <c>--set</c>, re-run and resumed by the tests.
/// </summary>
[Experiment("tiny-penalty-cs", Extends = "tiny.base.experiment.yaml",
    Description = "Pinned — the tiny GPT in C#, with a C# penalty β·|mean(logits)| whose β is declared.")]
[Transformer(Layers = 1, DModel = 32, Heads = 2, Context = 32, Head = OutputHead.Tied)]
[CrossEntropyLoss]
[LossTerm(typeof(LogitPenalty), "beta=0.01")]
[GreedyDecoder(MaxTokens = 24)]
public partial class TinyPenaltyInCSharp { }

/// <summary>β·|mean(logits)| on each batch, logged as its own loss term.</summary>
public sealed class LogitPenalty(double beta) : LossTerm
{
    public double Beta { get; } = beta >= 0 ? beta : throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must not be negative");

    public override string Name => "logit_penalty";

    public override Tensor Compute(LossInputs inputs)
    {
        using var scope = NewDisposeScope();
        using var beta = Beta.ToScalar(); // owned, so no collector frees it while libtorch reads it
        return inputs.Logits.mean().abs().mul(beta).MoveToOuterDisposeScope();
    }
}
