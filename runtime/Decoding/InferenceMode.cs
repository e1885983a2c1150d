using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>Evaluation mode and no_grad for one decode; the model's training mode comes back afterwards.</summary>
internal sealed class InferenceMode : IDisposable
{
    readonly LanguageModel _model;
    readonly bool _wasTraining;
    readonly IDisposable _noGrad;

    public InferenceMode(LanguageModel model, IReadOnlyList<int> prompt)
    {
        if (prompt.Count == 0) throw new ArgumentException("decoding needs a non-empty prompt", nameof(prompt));
        _model = model;
        _wasTraining = model.training;
        model.eval();
        _noGrad = no_grad();
    }

    public static long[] PromptTokens(IReadOnlyList<int> prompt) => [.. prompt.Select(t => (long)t)];

    public void Dispose()
    {
        _noGrad.Dispose();
        if (_wasTraining) _model.train();
    }
}
