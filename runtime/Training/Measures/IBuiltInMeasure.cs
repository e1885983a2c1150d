using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>
/// A built-in measure: it declares its descriptor (name, description, when it runs, whether <c>eval.metrics</c> lists it,
/// its figures) and adds exactly those figures to the record it is given. <see cref="MeasureCatalog"/> and
/// <see cref="BuiltInMeasures.All"/> are generated from the components (<see cref="MeasureCatalogWriter"/>), so a new
/// measure is its component file.
/// </summary>
public interface IBuiltInMeasure
{
    MeasureDescriptor Descriptor { get; }

    /// <summary>Adds the figures; an evaluation's loss is already in <paramref name="values"/>.</summary>
    void Measure(ProbeInput input, IDictionary<string, double> values);
}
