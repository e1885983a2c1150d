using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Sparsity;

namespace DslRunner.Geometry;

/// <summary>The geometry and cost figures of a model, keyed by the names they take in metrics.jsonl.</summary>
public static class GeometryMetrics
{
    /// <summary>
    /// Figures that change as the model trains — measure them at every evaluation:
    /// "capacity" (input token vectors), "capacity_output" (output head, only when untied),
    /// "logit_mean_abs" (held-out |mean logits|, only when <paramref name="heldOutTokens"/> is given),
    /// "sparsity" (zero fraction of the weight matrices), "stored_bytes_dense" and "stored_bytes_csr".
    /// </summary>
    public static SortedDictionary<string, double> Measure(LanguageModel model, int[]? heldOutTokens = null, int batch = 8, int maxBatches = 4)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["capacity"] = Capacity.Measure(model.TokenVectors),
        };
        if (model.OutputVectors is { } output) values["capacity_output"] = Capacity.Measure(output);
        if (heldOutTokens is not null) values["logit_mean_abs"] = LogitMean.MeasureAbsolute(model, heldOutTokens, batch, maxBatches);
        var stored = StoredSize.Of(model);
        values["sparsity"] = stored.MatrixSparsity;
        values["stored_bytes_dense"] = stored.DenseBytes;
        values["stored_bytes_csr"] = stored.CsrBytes;
        return values;
    }

    /// <summary>
    /// Figures fixed by the declaration and the budget: "parameters", "tokens_seen", "training_flops" (6·N·D),
    /// "log_total_possibilities" (n·ln(m·h)), "possibilities_per_unit" (m) and "dependency_length_analytic"
    /// (n·ln(m·h)/ln V, in tokens).
    /// </summary>
    public static SortedDictionary<string, double> Describe(
        ModelConfig config, LanguageModel model, long tokensSeen, double? possibilitiesPerUnit = null)
    {
        var capacity = ExpressiveCapacity.Of(config, model.VocabularySize, possibilitiesPerUnit);
        long parameters = model.ParameterCount;
        return new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["parameters"] = parameters,
            ["tokens_seen"] = tokensSeen,
            ["training_flops"] = TrainingCost.Flops(parameters, tokensSeen),
            ["log_total_possibilities"] = capacity.LogTotalPossibilities,
            ["possibilities_per_unit"] = capacity.PossibilitiesPerUnit,
            ["dependency_length_analytic"] = capacity.DependencyLength,
        };
    }
}
