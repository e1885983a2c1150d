using DslRunner.Generator.Measures;
using DslRunner.Geometry;

namespace DslRunner.Training.Measures;

/// <summary>|mean(logits)| on held-out data.</summary>
public sealed class LogitMeanAbsMeasure : IBuiltInMeasure
{
    public MeasureDescriptor Descriptor { get; } = MeasureCatalog.Named("logit_mean_abs");

    public void Measure(ProbeInput input, IDictionary<string, double> values) =>
        values["logit_mean_abs"] = LogitMean.MeasureAbsolute(input.Model, input.Tokens, input.Batching.Batch, input.Batching.EvalBatches);
}
