using DslRunner.Config;
using DslRunner.Geometry;
using DslRunner.Models;
using DslRunner.Sparsity;

namespace DslRunner.Training;

/// <summary>The figures recorded with every validation loss: capacity always, the rest when declared or relevant.</summary>
public static class EvalProbes
{
    public const string LogitMeanAbs = "logit_mean_abs";

    public static Dictionary<string, double> Measure(
        LanguageModel model, EvalConfig eval, TrainConfig train, int[] validationTokens, MagnitudePruner? pruner)
    {
        using var scope = TorchSharp.torch.NewDisposeScope(); // parameter handles fetched for the geometry probes
        double loss = HeldOutLoss.Measure(model, validationTokens, train.Batch, train.EvalBatches);
        var values = new Dictionary<string, double>
        {
            ["loss"] = loss,
            ["perplexity"] = Math.Exp(loss),
            ["capacity"] = Capacity.Measure(model.TokenVectors),
        };
        if (model.OutputVectors is { } output) values["capacity_output"] = Capacity.Measure(output);
        if (eval.Metrics.Contains(LogitMeanAbs))
            values[LogitMeanAbs] = LogitMean.MeasureAbsolute(model, validationTokens, train.Batch, train.EvalBatches);
        if (pruner is not null) values["sparsity"] = pruner.MeasuredSparsity();
        return values;
    }
}
