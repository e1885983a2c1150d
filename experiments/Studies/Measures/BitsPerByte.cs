using System.Text;
using DslRunner.Studies.Declared;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// Held-out bits per byte on the whole test split: the summed negative log-likelihood of every predicted token in
/// consecutive context windows, in bits, over the UTF-8 bytes of exactly those tokens. Comparable across tokenizers.
/// </summary>
[StudyMeasure("bits_per_byte")]
public sealed class BitsPerByte : IStudyMeasure
{
    public string Name => "bits_per_byte";

    public double Measure(MeasureInput input)
    {
        var data = input.Data ?? throw new InvalidOperationException("bits per byte needs the run's data");
        int[] test = data.Splits.Test;
        int context = input.Model.Context;
        int windows = (test.Length - 1) / context;
        double meanNats = HeldOutPass.Mean(input.Model, test, input.Config.Train.Batch, int.MaxValue, static (logits, targets) =>
        {
            var nll = nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten(), reduction: nn.Reduction.Sum);
            return (nll.to_type(ScalarType.Float64).item<double>(), targets.numel());
        });
        long predicted = (long)windows * context;
        int bytes = Encoding.UTF8.GetByteCount(data.Tokenizer.Decode(test.AsSpan(1, (int)predicted)));
        return meanNats * predicted / Math.Log(2) / bytes;
    }
}
