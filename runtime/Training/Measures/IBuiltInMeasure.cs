using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>
/// What a built-in measure takes: its descriptor (name, figures, when it runs) is its entry in <see cref="MeasureCatalog"/>,
/// and it adds exactly those figures to the record it is given.
/// </summary>
public interface IBuiltInMeasure
{
    MeasureDescriptor Descriptor { get; }

    /// <summary>Adds the figures; an evaluation's loss is already in <paramref name="values"/>.</summary>
    void Measure(ProbeInput input, IDictionary<string, double> values);
}
