using DslRunner.Config;
using DslRunner.Generator.Schema;
using DslRunner.Geometry;
using DslRunner.Models;
using DslRunner.Sparsity;

namespace DslRunner.Training;

/// <summary>
/// The figures of <c>eval.metrics</c>. The held-out loss is always measured; each name the key accepts adds its
/// figures to the records, when listed and only then.
/// </summary>
public static class EvalProbes
{
    public const string Perplexity = "perplexity";
    public const string Capacity = "capacity";
    public const string LogitMeanAbs = "logit_mean_abs";
    public const string ExpressiveCapacity = "expressive_capacity";
    public const string DependencyLength = "dependency_length";
    public const string Entropy = "entropy";

    /// <summary>
    /// Every name <c>eval.metrics</c> accepts, and the metrics.jsonl keys it adds to the held-out records
    /// ("capacity_output" only for a model with its own output vectors): <c>ExperimentSchema.MetricFigures</c>, which
    /// study checks are held to as well, in name order.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Keys = new SortedDictionary<string, IReadOnlyList<string>>(
        ExperimentSchema.MetricFigures.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<string>)entry.Value), StringComparer.Ordinal);

    /// <summary>The loss and the declared figures on held-out tokens, with the pruner's measured sparsity when pruning.</summary>
    public static Dictionary<string, double> Measure(
        LanguageModel model, EvalConfig eval, TrainConfig train, int[] heldOutTokens, MagnitudePruner? pruner)
    {
        using var scope = TorchSharp.torch.NewDisposeScope(); // parameter handles fetched for the geometry probes
        double loss = HeldOutLoss.Measure(model, heldOutTokens, train.Batch, train.EvalBatches);
        var values = new Dictionary<string, double> { ["loss"] = loss };
        if (eval.Metrics.Contains(Perplexity)) values[Perplexity] = Math.Exp(loss);
        if (eval.Metrics.Contains(Capacity))
        {
            values[Capacity] = Geometry.Capacity.Measure(model.TokenVectors);
            if (model.OutputVectors is { } output) values["capacity_output"] = Geometry.Capacity.Measure(output);
        }
        if (eval.Metrics.Contains(LogitMeanAbs))
            values[LogitMeanAbs] = LogitMean.MeasureAbsolute(model, heldOutTokens, train.Batch, train.EvalBatches);
        if (eval.Metrics.Contains(Entropy))
            values[Entropy] = HeldOutPass.Mean(model, heldOutTokens, train.Batch, train.EvalBatches, static (logits, _) =>
            {
                var logProbabilities = logits.log_softmax(-1);
                var entropy = -(logProbabilities.exp() * logProbabilities).sum(type: TorchSharp.torch.ScalarType.Float64); // over positions and vocabulary
                return (entropy.item<double>(), logits.numel() / logits.shape[^1]);
            });
        if (pruner is not null) values["sparsity"] = pruner.MeasuredSparsity();
        return values;
    }

    /// <summary>The declared seed-001 figures of the trained model's architecture (analytic: no data involved).</summary>
    public static Dictionary<string, double> Analytic(ModelConfig config, LanguageModel model, EvalConfig eval)
    {
        var values = new Dictionary<string, double>();
        bool expressive = eval.Metrics.Contains(ExpressiveCapacity), dependency = eval.Metrics.Contains(DependencyLength);
        if (!expressive && !dependency) return values;
        var capacity = Geometry.ExpressiveCapacity.Of(config, model.VocabularySize);
        if (expressive)
        {
            values["log_total_possibilities"] = capacity.LogTotalPossibilities;
            values["possibilities_per_unit"] = capacity.PossibilitiesPerUnit;
        }
        if (dependency) values["dependency_length_analytic"] = capacity.DependencyLength;
        return values;
    }
}
