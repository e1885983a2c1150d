using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Evaluation mode and libtorch's inference mode for one decode: no gradients, and no autograd or view bookkeeping
/// on any operation, so each of a step's many small operations dispatches once. The model's training mode comes back
/// afterwards. Tensors made inside are inference tensors: read them anywhere, change them in place only inside.
/// </summary>
internal sealed class InferenceMode : IDisposable
{
    readonly LanguageModel _model;
    readonly bool _wasTraining;
    readonly IDisposable _inference;

    public InferenceMode(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        if (prompts.Any(p => p.Count == 0)) throw new ArgumentException("decoding needs a non-empty prompt", nameof(prompts));
        _model = model;
        _wasTraining = model.training;
        model.eval();
        _inference = inference_mode();
    }

    public static long[] PromptTokens(IReadOnlyList<int> prompt) => [.. prompt.Select(t => (long)t)];

    public static long[][] PromptTokens(IReadOnlyList<IReadOnlyList<int>> prompts) => [.. prompts.Select(PromptTokens)];

    public void Dispose()
    {
        _inference.Dispose();
        if (_wasTraining) _model.train();
    }
}
