using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Seed 001 n·ln(m·h) and m of the trained model's architecture (analytic: no data involved).</summary>
public sealed class ExpressiveCapacityMeasure : IBuiltInMeasure
{
    public MeasureDescriptor Descriptor { get; } = MeasureCatalog.Named("expressive_capacity");

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        var capacity = Geometry.ExpressiveCapacity.Of(input.Declared, input.Model.VocabularySize);
        values["log_total_possibilities"] = capacity.LogTotalPossibilities;
        values["possibilities_per_unit"] = capacity.PossibilitiesPerUnit;
    }
}
