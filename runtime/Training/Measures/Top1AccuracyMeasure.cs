using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>The share of held-out next tokens that are the model's top prediction (ties go to the lowest token id).</summary>
public sealed class Top1AccuracyMeasure : IBuiltInMeasure
{
    const string Top1Accuracy = "top1_accuracy";

    public MeasureDescriptor Descriptor { get; } =
        new(Top1Accuracy, "Share of held-out next tokens that are the model's top prediction", MeasureTime.Evaluation, Listed: true, [Top1Accuracy])
        {
            Range = FigureRange.Fraction,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values) =>
        values[Top1Accuracy] = HeldOutPass.Mean(input.Model, input.Tokens, input.Batching.Batch, input.Batching.EvalBatches, static (logits, targets) =>
            (logits.argmax(-1).eq(targets).sum().item<long>(), targets.numel()));
}
