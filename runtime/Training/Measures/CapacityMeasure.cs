using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Seed 000 capacity C of the token vectors, and of the output vectors when the head has its own.</summary>
public sealed class CapacityMeasure : IBuiltInMeasure
{
    public MeasureDescriptor Descriptor { get; } = MeasureCatalog.Named("capacity");

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        values["capacity"] = Geometry.Capacity.Measure(input.Model.TokenVectors);
        if (input.Model.OutputVectors is { } output) values["capacity_output"] = Geometry.Capacity.Measure(output);
    }
}
