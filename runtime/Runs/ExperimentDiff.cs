using DslRunner.Config;

namespace DslRunner.Runs;

/// <summary>One side of a diff: a declared experiment (config only) or a finished run (config and results).</summary>
public sealed record DiffSide(string Label, ExperimentConfig Config, IReadOnlyDictionary<string, double>? Results)
{
    public static DiffSide FromExperiment(IExperiment experiment) => new(experiment.Config.Name, experiment.Config, null);

    public static DiffSide FromRun(string folder)
    {
        var manifest = RunManifest.Read(folder);
        return new DiffSide($"{manifest.Experiment}/{manifest.RunId}", manifest.Config, manifest.Results);
    }
}

/// <summary>A metric on both sides and its change.</summary>
public sealed record MetricDelta(string Metric, double? Left, double? Right)
{
    public double? Delta => Left is { } a && Right is { } b ? b - a : null;
}

/// <summary>What differs between two experiments, variants or runs: DSL keys, then results.</summary>
public sealed record ExperimentDiff(DiffSide Left, DiffSide Right, IReadOnlyList<ConfigChange> Config, IReadOnlyList<MetricDelta> Metrics)
{
    /// <summary>
    /// When the two sides tokenize differently and per-token figures are compared, the sentence saying why they do not
    /// compare (a loss in nats per token of a char model against one of a BPE model): bits per byte do. Null otherwise.
    /// </summary>
    public string? TokenizerWarning =>
        Left.Config.Tokenizer == Right.Config.Tokenizer || !Metrics.Any(m => PerToken(m.Metric) && m.Left is not null && m.Right is not null) ? null
        : $"the two sides use different tokenizers ({Describe(Left.Config.Tokenizer)} vs {Describe(Right.Config.Tokenizer)}): " +
          "loss and perplexity are per token, and their tokens differ, so those rows do not compare; bits_per_byte (eval.metrics) does";

    static bool PerToken(string metric) => metric.EndsWith("/loss", StringComparison.Ordinal) || metric.EndsWith("/perplexity", StringComparison.Ordinal);

    static string Describe(TokenizerConfig tokenizer) =>
        tokenizer.Vocab > 0 ? $"{tokenizer.Kind.ToString().ToLowerInvariant()} {tokenizer.Vocab}" : tokenizer.Kind.ToString().ToLowerInvariant();

    public static ExperimentDiff Between(DiffSide left, DiffSide right)
    {
        var metrics = new List<MetricDelta>();
        if (left.Results is not null || right.Results is not null)
        {
            var names = (left.Results?.Keys ?? []).Union(right.Results?.Keys ?? []).Order(StringComparer.Ordinal);
            metrics.AddRange(names.Select(name => new MetricDelta(name,
                left.Results?.TryGetValue(name, out double a) == true ? a : null,
                right.Results?.TryGetValue(name, out double b) == true ? b : null)));
        }
        return new ExperimentDiff(left, right, ConfigDiff.Compare(left.Config, right.Config), metrics);
    }
}
