using DslRunner.Data;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Training;

/// <summary>Mean cross-entropy of a model on fixed windows of a held-out split.</summary>
public static class HeldOutLoss
{
    public static double Measure(LanguageModel model, int[] tokens, int batch, int maxBatches)
    {
        bool wasTraining = model.training;
        model.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long count = 0;
        foreach (var (inputs, targets) in BatchSampler.Sequential(tokens, model.Context, batch, maxBatches))
        {
            using var scope = NewDisposeScope();
            var logits = model.call(inputs);
            var loss = nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[^1]), targets.reshape(-1), reduction: nn.Reduction.Sum);
            sum += loss.item<float>();
            count += targets.numel();
            inputs.Dispose();
            targets.Dispose();
        }
        model.train(wasTraining);
        return sum / count;
    }
}
