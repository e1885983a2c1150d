using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Every built-in measure component, in the catalog's order.</summary>
public static class BuiltInMeasures
{
    public static readonly LossMeasure Loss = new();
    public static readonly SparsityMeasure Sparsity = new();

    public static readonly IReadOnlyList<IBuiltInMeasure> All =
    [
        Loss, Sparsity, new ModelCostMeasure(), new StoredBytesMeasure(),
        new PerplexityMeasure(), new CapacityMeasure(), new LogitMeanAbsMeasure(), new ExpressiveCapacityMeasure(),
        new DependencyLengthMeasure(), new EntropyMeasure(),
    ];

    /// <summary>The measures <c>eval.metrics</c> lists.</summary>
    public static IEnumerable<IBuiltInMeasure> Listed => All.Where(m => m.Descriptor.Listed);

    /// <summary>The listed measures of <paramref name="when"/> among <paramref name="names"/>.</summary>
    public static IEnumerable<IBuiltInMeasure> Among(IReadOnlyCollection<string> names, MeasureTime when) =>
        Listed.Where(m => m.Descriptor.When == when && names.Contains(m.Descriptor.Name));

    /// <summary>The measures taken once on every trained model, listed or not (the model's cost and stored size).</summary>
    public static IEnumerable<IBuiltInMeasure> AlwaysAtEnd => All.Where(m => !m.Descriptor.Listed && m.Descriptor.When == MeasureTime.EndOfTraining);
}
