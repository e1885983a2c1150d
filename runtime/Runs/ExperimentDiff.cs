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
