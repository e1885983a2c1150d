using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Held-out cross-entropy (nats per token): taken first at every evaluation, since other measures read it.</summary>
public sealed class LossMeasure : IBuiltInMeasure
{
    public MeasureDescriptor Descriptor { get; } =
        new(MeasureCatalog.Loss, "Held-out cross-entropy (nats per token), always measured", MeasureTime.Evaluation, Listed: false, [MeasureCatalog.Loss])
        {
            Range = FigureRange.NonNegative,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values) =>
        values[MeasureCatalog.Loss] = HeldOutLoss.Measure(input.Model, input.Tokens, input.Batching.Batch, input.Batching.EvalBatches);
}
