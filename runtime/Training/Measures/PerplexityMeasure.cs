using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>exp(held-out loss).</summary>
public sealed class PerplexityMeasure : IBuiltInMeasure
{
    const string Perplexity = "perplexity";

    public MeasureDescriptor Descriptor { get; } =
        new(Perplexity, "exp(held-out loss)", MeasureTime.Evaluation, Listed: true, [Perplexity])
        {
            Range = FigureRange.AtLeastOne,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values) => values[Perplexity] = Math.Exp(values[MeasureCatalog.Loss]);
}
