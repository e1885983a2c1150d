using DslRunner.Data;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Geometry;

/// <summary>
/// Seed 000's training-log observation: the absolute value of the mean logit, |mean(logits)|, over every
/// position and vocabulary entry of fixed held-out windows.
/// </summary>
public static class LogitMean
{
    public static double MeasureAbsolute(LanguageModel model, int[] heldOutTokens, int batch, int maxBatches)
    {
        bool wasTraining = model.training;
        model.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long count = 0;
        foreach (var (inputs, targets) in BatchSampler.Sequential(heldOutTokens, model.Context, batch, maxBatches))
        {
            using var scope = NewDisposeScope();
            var logits = model.call(inputs);
            sum += logits.sum(type: ScalarType.Float64).item<double>();
            count += logits.numel();
            inputs.Dispose();
            targets.Dispose();
        }
        model.train(wasTraining);
        return Math.Abs(sum / count);
    }
}
