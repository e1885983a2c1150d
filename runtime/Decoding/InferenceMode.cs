using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>Evaluation mode and no_grad for one decode; the model's training mode comes back afterwards.</summary>
internal sealed class InferenceMode : IDisposable
{
    readonly LanguageModel _model;
    readonly bool _wasTraining;
    readonly IDisposable _noGrad;

    public InferenceMode(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        if (prompts.Any(p => p.Count == 0)) throw new ArgumentException("decoding needs a non-empty prompt", nameof(prompts));
        _model = model;
        _wasTraining = model.training;
        model.eval();
        _noGrad = no_grad();
    }

    public static long[] PromptTokens(IReadOnlyList<int> prompt) => [.. prompt.Select(t => (long)t)];

    public static long[][] PromptTokens(IReadOnlyList<IReadOnlyList<int>> prompts) => [.. prompts.Select(PromptTokens)];

    public void Dispose()
    {
        _noGrad.Dispose();
        if (_wasTraining) _model.train();
    }
}
