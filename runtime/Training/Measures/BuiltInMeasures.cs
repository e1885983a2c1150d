using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>The built-in measure components (<c>All</c>, generated from the components, in the catalog's order).</summary>
public static partial class BuiltInMeasures
{
    public static readonly LossMeasure Loss = new();
    public static readonly SparsityMeasure Sparsity = new();

    /// <summary>The measures <c>eval.metrics</c> lists.</summary>
    public static IEnumerable<IBuiltInMeasure> Listed => All.Where(m => m.Descriptor.Listed);

    /// <summary>The listed measures of <paramref name="when"/> among <paramref name="names"/>.</summary>
    public static IEnumerable<IBuiltInMeasure> Among(IReadOnlyCollection<string> names, MeasureTime when) =>
        Listed.Where(m => m.Descriptor.When == when && names.Contains(m.Descriptor.Name));

    /// <summary>The measures taken once on every trained model, listed or not (the model's cost and stored size).</summary>
    public static IEnumerable<IBuiltInMeasure> AlwaysAtEnd => All.Where(m => !m.Descriptor.Listed && m.Descriptor.When == MeasureTime.EndOfTraining);
}
