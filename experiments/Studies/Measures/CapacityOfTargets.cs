using DslRunner.Geometry;
using DslRunner.Studies;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// Capacity C of the input token vectors of only the vocabulary entries that are a target somewhere in the training
/// split. A never-target token's vector gets no pull of its own from cross-entropy, only the push every non-target gets
/// (away from the context vectors), so such vectors drift together; this C tells how much of a fall in C over the
/// whole vocabulary they carry.
/// </summary>
[StudyMeasure("capacity_seen")]
public sealed class CapacityOfSeenTargets : IStudyMeasure
{
    public string Name => "capacity_seen";

    public double Measure(MeasureInput input)
    {
        var data = input.Data ?? throw new InvalidOperationException("capacity_seen needs the run's data");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Capacity.Measure(input.Model.TokenVectors.index_select(0, TrainingTargets.SeenIds(data, input.Model.VocabularySize)));
    }
}
