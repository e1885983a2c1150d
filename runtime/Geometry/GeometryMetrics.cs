using DslRunner.Generator.Measures;
using DslRunner.Models;

namespace DslRunner.Geometry;

/// <summary>The cost figures of a trained model, keyed by the names they take in metrics.jsonl.</summary>
public static class GeometryMetrics
{
    /// <summary>The keys <see cref="Describe"/> gives.</summary>
    public static readonly IReadOnlyList<string> Keys = MeasureCatalog.Named(ModelCost).Figures;

    /// <summary>The name of the built-in measure whose figures <see cref="Describe"/> gives.</summary>
    public const string ModelCost = "model_cost";

    /// <summary>Figures fixed by the model and the budget: "parameters", "tokens_seen" and "training_flops" (6·N·D).</summary>
    public static SortedDictionary<string, double> Describe(LanguageModel model, long tokensSeen)
    {
        long parameters = model.ParameterCount;
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["parameters"] = parameters,
            ["tokens_seen"] = tokensSeen,
            ["training_flops"] = TrainingCost.Flops(parameters, tokensSeen),
        };
    }
}
