using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>exp(held-out loss).</summary>
public sealed class PerplexityMeasure : IBuiltInMeasure
{
    public MeasureDescriptor Descriptor { get; } = MeasureCatalog.Named("perplexity");

    public void Measure(ProbeInput input, IDictionary<string, double> values) => values["perplexity"] = Math.Exp(values[MeasureCatalog.Loss]);
}
