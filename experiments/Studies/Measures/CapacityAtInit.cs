using DslRunner.Geometry;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// Capacity C of the input token vectors at initialisation: the same model built afresh with the run's seed, before
/// any step. Runs evaluate first after <c>eval_every</c> steps, so "C fell from its start" needs this value.
/// </summary>
[StudyMeasure("capacity_init")]
public sealed class CapacityAtInit : IStudyMeasure
{
    public string Name => "capacity_init";

    public double Measure(MeasureInput input)
    {
        using var fresh = InitialModel.Build(input);
        return Capacity.Measure(fresh.TokenVectors);
    }
}
