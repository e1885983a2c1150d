using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Training;

/// <summary>Mean cross-entropy of a model on fixed windows of a held-out split.</summary>
public static class HeldOutLoss
{
    public static double Measure(LanguageModel model, int[] tokens, int batch, int maxBatches) =>
        HeldOutPass.Mean(model, tokens, batch, maxBatches, static (logits, targets) =>
        {
            var loss = nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[^1]), targets.reshape(-1), reduction: nn.Reduction.Sum);
            return (loss.item<float>(), targets.numel());
        });
}
