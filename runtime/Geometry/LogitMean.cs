using DslRunner.Models;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Geometry;

/// <summary>
/// Seed 000's training-log observation: the absolute value of the mean logit, |mean(logits)|, over every
/// position and vocabulary entry of fixed held-out windows.
/// </summary>
public static class LogitMean
{
    public static double MeasureAbsolute(LanguageModel model, int[] heldOutTokens, int batch, int maxBatches) =>
        Math.Abs(HeldOutPass.Mean(model, heldOutTokens, batch, maxBatches,
            static (logits, _) => (logits.sum(type: ScalarType.Float64).item<double>(), logits.numel())));
}
