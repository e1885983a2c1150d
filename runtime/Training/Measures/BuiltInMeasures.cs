using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>The measures <c>eval.metrics</c> lists, each taken by its component, in the catalog's order.</summary>
public static class BuiltInMeasures
{
    public static readonly IReadOnlyList<IBuiltInMeasure> Listed =
    [
        new PerplexityMeasure(), new CapacityMeasure(), new LogitMeanAbsMeasure(), new ExpressiveCapacityMeasure(),
        new DependencyLengthMeasure(), new EntropyMeasure(),
    ];

    /// <summary>The listed measures of <paramref name="when"/> among <paramref name="names"/>.</summary>
    public static IEnumerable<IBuiltInMeasure> Among(IReadOnlyCollection<string> names, MeasureTime when) =>
        Listed.Where(m => m.Descriptor.When == when && names.Contains(m.Descriptor.Name));
}
