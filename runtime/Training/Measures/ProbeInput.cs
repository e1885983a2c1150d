using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Sparsity;

namespace DslRunner.Training.Measures;

/// <summary>
/// What a built-in measure reads: the model, and the held-out tokens with the batching of an evaluation (for a measure
/// taken at every evaluation) or the model's declared architecture, the tokens it was trained on and its stored size
/// (for one taken once, at the end of training); the pruner of a pruned run while it trains.
/// </summary>
public sealed record ProbeInput(LanguageModel Model, TrainConfig? Train = null, int[]? HeldOutTokens = null, ModelConfig? Architecture = null)
{
    public MagnitudePruner? Pruner { get; init; }

    /// <summary>The trained weights' size, measured once for the measures that read it.</summary>
    public StoredSize? Stored { get; init; }

    public long? TokensSeen { get; init; }

    public TrainConfig Batching => Train ?? throw new InvalidOperationException("a measure taken at every evaluation was given no evaluation batching");
    public int[] Tokens => HeldOutTokens ?? throw new InvalidOperationException("a measure taken at every evaluation was given no held-out tokens");
    public ModelConfig Declared => Architecture ?? throw new InvalidOperationException("a measure of the architecture was given no model config");
    public long Seen => TokensSeen ?? throw new InvalidOperationException("a measure of the training budget was given no tokens seen");
}
