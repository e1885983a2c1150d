using System.Collections.Generic;
using System.Linq;

namespace DslRunner.Generator.Measures;

/// <summary>
/// The built-in measures, listed once: the choices of <c>eval.metrics</c>, the figures a study check may name, the keys a
/// C# metric may not take and the figures the runtime records are all read from here.
/// </summary>
public static class MeasureCatalog
{
    public const string Loss = "loss";

    public static readonly IReadOnlyList<MeasureDescriptor> BuiltIn =
    [
        new(Loss, "Held-out cross-entropy (nats per token), always measured", MeasureTime.Evaluation, Listed: false, [Loss]),
        new("sparsity", "Fraction of zero matrix weights: every evaluation when pruning, and in the test record",
            MeasureTime.Evaluation, Listed: false, []) { ConditionalFigures = ["sparsity"] },
        new("model_cost", "Parameters, tokens seen and training FLOPs (6·N·D) of the trained model",
            MeasureTime.EndOfTraining, Listed: false, ["parameters", "tokens_seen", "training_flops"]),
        new("stored_bytes", "Bytes of the trained weights stored dense and as CSR",
            MeasureTime.EndOfTraining, Listed: false, ["stored_bytes_dense", "stored_bytes_csr"]),
        new("perplexity", "exp(held-out loss)", MeasureTime.Evaluation, Listed: true, ["perplexity"]),
        new("capacity", "Seed 000 capacity C of the token vectors (and of the output vectors of an untied head)",
            MeasureTime.Evaluation, Listed: true, ["capacity"]) { ConditionalFigures = ["capacity_output"] },
        new("logit_mean_abs", "|mean(logits)| on held-out data", MeasureTime.Evaluation, Listed: true, ["logit_mean_abs"]),
        new("expressive_capacity", "Seed 001 n·ln(m·h) and m, at the end of a run",
            MeasureTime.EndOfTraining, Listed: true, ["log_total_possibilities", "possibilities_per_unit"]),
        new("dependency_length", "Seed 001 analytic dependency length n·ln(m·h)/ln V, at the end of a run",
            MeasureTime.EndOfTraining, Listed: true, ["dependency_length_analytic"]),
        new("entropy", "Mean entropy (nats) of the next-token distribution on held-out data", MeasureTime.Evaluation, Listed: true, ["entropy"]),
    ];

    /// <summary>The measures <c>eval.metrics</c> names, in the order the schema lists them.</summary>
    public static IEnumerable<MeasureDescriptor> Listed => BuiltIn.Where(m => m.Listed);

    public static MeasureDescriptor Named(string name) => BuiltIn.First(m => m.Name == name);

    /// <summary>Every key a built-in measure records.</summary>
    public static IEnumerable<string> Figures => BuiltIn.SelectMany(m => m.AllFigures);

    /// <summary>
    /// The figures every evaluation of the validation split measures when their measure runs (what early stopping may watch):
    /// the unconditional figures of the measures taken at every evaluation.
    /// </summary>
    public static IEnumerable<string> ValidationFigures => BuiltIn.Where(m => m.When == MeasureTime.Evaluation).SelectMany(m => m.Figures);

    /// <summary>The figures an untrained model has (<c>@init</c>): the held-out loss and the eval.metrics figures.</summary>
    public static IEnumerable<string> InitFigures => new[] { Loss }.Concat(Listed.SelectMany(m => m.AllFigures));
}
