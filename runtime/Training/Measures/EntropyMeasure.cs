using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Mean entropy (nats) of the next-token distribution on held-out data.</summary>
public sealed class EntropyMeasure : IBuiltInMeasure
{
    const string Entropy = "entropy";

    public MeasureDescriptor Descriptor { get; } =
        new(Entropy, "Mean entropy (nats) of the next-token distribution on held-out data", MeasureTime.Evaluation, Listed: true, [Entropy])
        {
            Range = FigureRange.NonNegative,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values) =>
        values[Entropy] = HeldOutPass.Mean(input.Model, input.Tokens, input.Batching.Batch, input.Batching.EvalBatches, static (logits, _) =>
        {
            var logProbabilities = logits.log_softmax(-1);
            var entropy = -(logProbabilities.exp() * logProbabilities).sum(type: TorchSharp.torch.ScalarType.Float64); // over positions and vocabulary
            return (entropy.item<double>(), logits.numel() / logits.shape[^1]);
        });
}
