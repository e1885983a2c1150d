using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Seed 000 capacity C of the token vectors, and of the output vectors when the head has its own.</summary>
public sealed class CapacityMeasure : IBuiltInMeasure
{
    const string Capacity = "capacity", Output = "capacity_output";

    public MeasureDescriptor Descriptor { get; } =
        new(Capacity, "Seed 000 capacity C of the token vectors (and of the output vectors of an untied head)", MeasureTime.Evaluation, Listed: true,
            [Capacity])
        {
            ConditionalFigures = [Output],
            Range = FigureRange.Fraction,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        values[Capacity] = Geometry.Capacity.Measure(input.Model.TokenVectors);
        if (input.Model.OutputVectors is { } output) values[Output] = Geometry.Capacity.Measure(output);
    }
}
