using DslRunner.Config;
using DslRunner.Models;

namespace DslRunner.Training.Measures;

/// <summary>
/// What a built-in measure reads: the model, and the held-out tokens with the batching of an evaluation (for a measure
/// taken at every evaluation) or the model's declared architecture (for one taken once, at the end of training).
/// </summary>
public sealed record ProbeInput(LanguageModel Model, TrainConfig? Train = null, int[]? HeldOutTokens = null, ModelConfig? Architecture = null)
{
    public TrainConfig Batching => Train ?? throw new InvalidOperationException("a measure taken at every evaluation was given no evaluation batching");
    public int[] Tokens => HeldOutTokens ?? throw new InvalidOperationException("a measure taken at every evaluation was given no held-out tokens");
    public ModelConfig Declared => Architecture ?? throw new InvalidOperationException("a measure of the architecture was given no model config");
}
