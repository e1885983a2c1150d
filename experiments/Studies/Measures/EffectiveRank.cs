using DslRunner.Studies;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// Effective rank of the input token-vector matrix (V, d): exp of the entropy of its normalised singular values
/// (Roy and Vetterli 2007). d for vectors spread over every direction, 1 when they all lie on one line.
/// </summary>
[StudyMeasure("effective_rank")]
public sealed class EffectiveRank : IStudyMeasure
{
    public string Name => "effective_rank";

    public double Measure(MeasureInput input) => Of(input.Model.TokenVectors);

    public static double Of(Tensor vectors)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var singular = linalg.svdvals(vectors.to_type(ScalarType.Float64));
        var p = singular / singular.sum();
        var entropy = -(p * p.clamp_min(1e-300).log()).sum();
        return Math.Exp(entropy.item<double>());
    }
}
