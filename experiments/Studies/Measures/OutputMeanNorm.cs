using DslRunner.Studies.Declared;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// ‖(1/V)·Σ_i w_i‖, the norm of the mean output vector (the output head's rows; the token vectors when tied). For a
/// bias-free head every logit's mean over the vocabulary is the context vector's dot product with this mean.
/// </summary>
[StudyMeasure("output_mean_norm")]
public sealed class OutputMeanNorm : IStudyMeasure
{
    public string Name => "output_mean_norm";

    public double Measure(MeasureInput input)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var vectors = input.Model.OutputVectors ?? input.Model.TokenVectors;
        return vectors.to_type(ScalarType.Float64).mean([0L]).norm().item<double>();
    }
}
