using DslRunner.Config;
using DslRunner.Generator.Measures;
using DslRunner.Models;
using DslRunner.Sparsity;
using DslRunner.Training.Measures;

namespace DslRunner.Training;

/// <summary>
/// The figures of <c>eval.metrics</c>. The held-out loss is always measured; each name the key accepts is a built-in
/// measure component that adds its figures to the records, when listed and only then.
/// </summary>
public static class EvalProbes
{
    /// <summary>
    /// Every name <c>eval.metrics</c> accepts, and the metrics.jsonl keys it adds to the held-out records
    /// ("capacity_output" only for a model with its own output vectors), as <see cref="MeasureCatalog"/> describes them, in name order.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Keys = new SortedDictionary<string, IReadOnlyList<string>>(
        MeasureCatalog.Listed.ToDictionary(m => m.Name, m => (IReadOnlyList<string>)m.AllFigures.ToList()), StringComparer.Ordinal);

    /// <summary>The loss and the declared figures on held-out tokens, with the pruner's measured sparsity when pruning.</summary>
    public static Dictionary<string, double> Measure(
        LanguageModel model, EvalConfig eval, TrainConfig train, int[] heldOutTokens, MagnitudePruner? pruner)
    {
        using var scope = TorchSharp.torch.NewDisposeScope(); // parameter handles fetched for the geometry probes
        var values = new Dictionary<string, double>();
        var input = new ProbeInput(model, train, heldOutTokens) { Pruner = pruner };
        BuiltInMeasures.Loss.Measure(input, values); // first: perplexity reads it
        foreach (var measure in BuiltInMeasures.Among(eval.Metrics, MeasureTime.Evaluation)) measure.Measure(input, values);
        BuiltInMeasures.Sparsity.Measure(input, values);
        return values;
    }

    /// <summary>The declared figures of the trained model's architecture, taken once at the end (analytic: no data involved).</summary>
    public static Dictionary<string, double> Analytic(ModelConfig config, LanguageModel model, EvalConfig eval)
    {
        var values = new Dictionary<string, double>();
        var input = new ProbeInput(model, Architecture: config);
        foreach (var measure in BuiltInMeasures.Among(eval.Metrics, MeasureTime.EndOfTraining)) measure.Measure(input, values);
        return values;
    }
}
