using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Seed 001 analytic dependency length n·ln(m·h)/ln V of the trained model's architecture.</summary>
public sealed class DependencyLengthMeasure : IBuiltInMeasure
{
    const string DependencyLength = "dependency_length_analytic";

    public MeasureDescriptor Descriptor { get; } =
        new("dependency_length", "Seed 001 analytic dependency length n·ln(m·h)/ln V, at the end of a run", MeasureTime.EndOfTraining, Listed: true,
            [DependencyLength]);

    public void Measure(ProbeInput input, IDictionary<string, double> values) =>
        values[DependencyLength] = Geometry.ExpressiveCapacity.Of(input.Declared, input.Model.VocabularySize).DependencyLength;
}
