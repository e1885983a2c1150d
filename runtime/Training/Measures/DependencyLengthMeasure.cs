using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Seed 001 analytic dependency length n·ln(m·h)/ln V of the trained model's architecture.</summary>
public sealed class DependencyLengthMeasure : IBuiltInMeasure
{
    public MeasureDescriptor Descriptor { get; } = MeasureCatalog.Named("dependency_length");

    public void Measure(ProbeInput input, IDictionary<string, double> values) =>
        values["dependency_length_analytic"] = Geometry.ExpressiveCapacity.Of(input.Declared, input.Model.VocabularySize).DependencyLength;
}
