using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Seed 001 n·ln(m·h) and m of the trained model's architecture (analytic: no data involved).</summary>
public sealed class ExpressiveCapacityMeasure : IBuiltInMeasure
{
    const string LogTotal = "log_total_possibilities", PerUnit = "possibilities_per_unit";

    public MeasureDescriptor Descriptor { get; } =
        new("expressive_capacity", "Seed 001 n·ln(m·h) and m, at the end of a run", MeasureTime.EndOfTraining, Listed: true, [LogTotal, PerUnit]);

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        var capacity = Geometry.ExpressiveCapacity.Of(input.Declared, input.Model.VocabularySize);
        values[LogTotal] = capacity.LogTotalPossibilities;
        values[PerUnit] = capacity.PossibilitiesPerUnit;
    }
}
