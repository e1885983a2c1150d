using DslRunner.Studies;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>One forward pass of a built model over four fixed tokens, in evaluation mode without gradients.</summary>
static class FourTokens
{
    /// <summary>Gives <paramref name="read"/> the logits (1, 4, V) inside a dispose scope and returns what it read.</summary>
    public static double Read(MeasureInput input, Func<Tensor, double> read)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        input.Model.eval();
        return read(input.Model.call(tensor(new long[] { 464, 3290, 318, 257 }, [1, 4])));
    }
}

/// <summary>The last dimension of the logits of one forward pass over four tokens: the vocabulary space logits live in.</summary>
[StudyMeasure("logits_dimension")]
public sealed class LogitsDimension : IStudyMeasure
{
    public string Name => "logits_dimension";

    public double Measure(MeasureInput input) => FourTokens.Read(input, logits => logits.shape[^1]);        // (1, 4, V)
}

/// <summary>max |softmax(z) − softmax(z + 3.5)| over the model's last-position logits: softmax ignores a constant shift.</summary>
[StudyMeasure("softmax_shift_gap")]
public sealed class SoftmaxShiftGap : IStudyMeasure
{
    public string Name => "softmax_shift_gap";

    public double Measure(MeasureInput input) => FourTokens.Read(input, logits =>
    {
        var last = logits[0, -1];                                                                            // (V)
        return (last.softmax(-1) - (last + 3.5).softmax(-1)).abs().max().item<float>();
    });
}

/// <summary>The input width of the first MLP weight: a layer is Z = φ(X·Wᵀ + B) with W of shape d_out × d_in.</summary>
[StudyMeasure("mlp_weight_shape")]
public sealed class MlpWeightShape : IStudyMeasure
{
    public string Name => "mlp_weight_shape";

    /// <summary>d_out · 10⁴ + d_in of the first weight whose rows are four times d_model (3072 × 768 → 30,720,768).</summary>
    public double Measure(MeasureInput input)
    {
        long width = input.Model.TokenVectors.shape[1];
        var shape = input.Model.named_parameters().Select(p => p.parameter.shape).First(s => s.Length == 2 && s[0] == 4 * width);
        return shape[0] * 10_000 + shape[1];
    }
}
