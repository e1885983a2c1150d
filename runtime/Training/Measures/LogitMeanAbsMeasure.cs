using DslRunner.Generator.Measures;
using DslRunner.Geometry;

namespace DslRunner.Training.Measures;

/// <summary>|mean(logits)| on held-out data.</summary>
public sealed class LogitMeanAbsMeasure : IBuiltInMeasure
{
    const string LogitMeanAbs = "logit_mean_abs";

    public MeasureDescriptor Descriptor { get; } =
        new(LogitMeanAbs, "|mean(logits)| on held-out data", MeasureTime.Evaluation, Listed: true, [LogitMeanAbs]);

    public void Measure(ProbeInput input, IDictionary<string, double> values) =>
        values[LogitMeanAbs] = LogitMean.MeasureAbsolute(input.Model, input.Tokens, input.Batching.Batch, input.Batching.EvalBatches);
}
