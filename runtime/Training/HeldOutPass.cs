using DslRunner.Data;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Training;

/// <summary>
/// One pass of a model over fixed held-out windows: evaluation mode, no gradients, a dispose scope per batch,
/// and the training mode restored afterwards. Callers say what to add up per batch.
/// </summary>
public static class HeldOutPass
{
    /// <param name="measure">Logits (B, T, V) and targets (B, T) → the batch's sum and how many items it covers.</param>
    /// <returns>The sum over all batches divided by the count.</returns>
    public static double Mean(LanguageModel model, int[] tokens, int batch, int maxBatches, Func<Tensor, Tensor, (double Sum, long Count)> measure)
    {
        bool wasTraining = model.training;
        model.eval();
        using var noGrad = no_grad();
        double sum = 0;
        long count = 0;
        foreach (var (inputs, targets) in BatchSampler.Sequential(tokens, model.Context, batch, maxBatches))
        {
            using var scope = NewDisposeScope();
            var (batchSum, batchCount) = measure(model.call(inputs), targets);
            sum += batchSum;
            count += batchCount;
            inputs.Dispose();
            targets.Dispose();
        }
        model.train(wasTraining);
        return sum / count;
    }
}
