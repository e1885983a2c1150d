using DslRunner.Studies;
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
        return MeanOutputVector(input.Model).norm().item<double>();
    }

    /// <summary>The mean over the vocabulary of the output vectors, in float64.</summary>
    public static Tensor MeanOutputVector(Models.LanguageModel model) =>
        (model.OutputVectors ?? model.TokenVectors).to_type(ScalarType.Float64).mean([0L]);
}

/// <summary>
/// How far training moved the mean output vector, relative to where it started: ‖m_T − m_0‖ / ‖m_0‖. With a dot head and
/// no bias, cross-entropy's gradient summed over the vocabulary is zero at every step (Σ_v (p_v − y_v) = 0), so plain SGD
/// with momentum and no weight decay cannot move m: the drift is rounding only. Weight decay shrinks m; Adam's
/// per-coordinate scaling breaks the zero sum.
/// </summary>
[StudyMeasure("output_mean_drift")]
public sealed class OutputMeanDrift : IStudyMeasure
{
    public string Name => "output_mean_drift";

    public double Measure(MeasureInput input)
    {
        using var noGrad = no_grad();
        using var fresh = InitialModel.Build(input);
        using var scope = NewDisposeScope();
        var start = OutputMeanNorm.MeanOutputVector(fresh);
        var end = OutputMeanNorm.MeanOutputVector(input.Model);
        return ((end - start).norm() / start.norm()).item<double>();
    }
}
