using DslRunner.Decoding;
using DslRunner.Generator.Measures;
using DslRunner.Generator.Validation;

namespace DslRunner.Training;

/// <summary>
/// The keys that decoders and C# metrics give their figures (<c>decode/&lt;key&gt;/…</c>, a metric's name) must be
/// well formed and distinct; checked before training, so a clash never costs a run (a metric whose name is a literal is
/// checked at build time too, DSL0063, but a computed name is known only here).
/// </summary>
public static class EvaluationKeys
{
    /// <summary>Keys of the built-in figures of a test record that a C# metric must not take.</summary>
    static readonly HashSet<string> BuiltIn = [.. MeasureCatalog.Figures];

    /// <exception cref="ArgumentException">A malformed key, or two decoders or metrics with one key.</exception>
    public static void Check(IReadOnlyList<IDecoder> decoders, IReadOnlyList<EvalMetric> metrics)
    {
        foreach (var decoder in decoders)
            if (!MetricKey.IsValid(decoder.Key))
                throw new ArgumentException($"decoder '{decoder.Name}' has the key '{decoder.Key}'; a key must be {MetricKey.Form}", nameof(decoders));
        var clash = decoders.GroupBy(d => d.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException(
                $"decoders {string.Join(" and ", clash.Select(d => $"'{d.Name}'"))} are both keyed '{clash.Key}', so their metrics " +
                $"decode/{clash.Key}/... would collide; give one a distinct name (the Name of its config)", nameof(decoders));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            string problem = !MetricKey.IsValid(metric.Name) ? "a metric's name must be " + MetricKey.Form
                : BuiltIn.Contains(metric.Name) || metric.Name.StartsWith("decode", StringComparison.Ordinal) ? "it is a built-in figure's key"
                : !names.Add(metric.Name) ? "another metric of the experiment has it"
                : "";
            if (problem.Length > 0)
                throw new ArgumentException($"the metric {metric.GetType().FullName} is named '{metric.Name}': {problem}", nameof(metrics));
        }
    }
}
