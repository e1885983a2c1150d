using System.Runtime.CompilerServices;
using DslRunner.Models;
using DslRunner.Sparsity;
using DslRunner.Studies;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>Non-zero entries of the weight matrices (parameters of two or more dimensions): what a sparse model keeps.</summary>
[StudyMeasure("nonzero_weights")]
public sealed class NonzeroWeights : IStudyMeasure
{
    public string Name => "nonzero_weights";

    public double Measure(MeasureInput input)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return input.Model.parameters().Where(p => p.dim() >= 2).Sum(p => p.count_nonzero().item<long>());
    }
}

/// <summary>
/// Stored size as arithmetic, not a file: the bytes of the weight matrices as CSR arrays (values, column indices, row
/// offsets, 4 bytes each) plus every other parameter in float32, over all parameters in float32 (<see cref="StoredSize"/>).
/// </summary>
[StudyMeasure("csr_over_dense")]
public sealed class CsrOverDense : IStudyMeasure
{
    public string Name => "csr_over_dense";

    public double Measure(MeasureInput input)
    {
        var size = StoredSize.Of(input.Model);
        return (double)size.CsrBytes / size.DenseBytes;
    }
}

/// <summary>
/// Sparse against dense speed on the trained model's own linear layers (<see cref="LayerSpeed"/>): 30 interleaved
/// repetitions of one training batch's tokens (batch × context) through every layer; the median of dense ÷ sparse time
/// and its quartiles. Timed once per model; the machine is shared, so the quartiles say how noisy the median is.
/// </summary>
static class LayerSpeedRun
{
    public const int Repetitions = 30;

    static readonly ConditionalWeakTable<LanguageModel, LayerSpeed> Cache = new();

    public static LayerSpeed Of(MeasureInput input) => Cache.GetValue(input.Model,
        model => LayerSpeed.Measure(model, input.Config.Train.Batch * model.Context, Repetitions, input.Config.Seed));
}

[StudyMeasure("layer_speedup")]
public sealed class LayerSpeedup : IStudyMeasure
{
    public string Name => "layer_speedup";
    public double Measure(MeasureInput input) => LayerSpeedRun.Of(input).Median;
}

[StudyMeasure("layer_speedup_q1")]
public sealed class LayerSpeedupLowerQuartile : IStudyMeasure
{
    public string Name => "layer_speedup_q1";
    public double Measure(MeasureInput input) => LayerSpeedRun.Of(input).LowerQuartile;
}

[StudyMeasure("layer_speedup_q3")]
public sealed class LayerSpeedupUpperQuartile : IStudyMeasure
{
    public string Name => "layer_speedup_q3";
    public double Measure(MeasureInput input) => LayerSpeedRun.Of(input).UpperQuartile;
}
