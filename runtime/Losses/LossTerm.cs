using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Losses;

/// <summary>What a loss term may look at: the batch's logits and targets, the model, and the step.</summary>
/// <param name="Logits">(B, T, V).</param>
/// <param name="Targets">(B, T) token ids.</param>
/// <param name="Model">The model being trained (token vectors, parameters).</param>
/// <param name="Step">1-based optimizer step; 0 during evaluation.</param>
public sealed record LossInputs(Tensor Logits, Tensor Targets, LanguageModel Model, int Step);

/// <summary>One term of the training loss. User terms derive from this and are called directly by generated code.</summary>
public abstract class LossTerm
{
    /// <summary>The name the term's value is logged under (e.g. "cross_entropy").</summary>
    public abstract string Name { get; }

    /// <summary>Returns a scalar tensor (already weighted) that gradients flow through.</summary>
    public abstract Tensor Compute(LossInputs inputs);
}
