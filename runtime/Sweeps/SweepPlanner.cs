using System.Globalization;
using DslRunner.Runs;

namespace DslRunner.Sweeps;

/// <summary>What identifies a sweep: its name, the overrides and seeds applied to every point, the launcher, and a command-line grid.</summary>
public sealed record SweepSpec(string Name, IReadOnlyList<string> Overrides, IReadOnlyList<int> Seeds, LauncherSettings Launcher)
{
    /// <summary>The <c>--grid</c> arguments, as given.</summary>
    public IReadOnlyList<string> Grid { get; init; } = [];

    public string Id => SweepPlan.IdentityOf(Name, Overrides, Seeds, Launcher, Grid);
}

/// <summary>Resolves points into a plan: each point's experiment bound with its overrides and seed, hashed and costed.</summary>
public static class SweepPlanner
{
    /// <param name="registry">The declared experiments, variants and sweep points the requests name.</param>
    /// <param name="runsRoot">Where finished runs are read for the machine's measured FLOP rate.</param>
    /// <exception cref="InvalidOverrideException">A point's overrides are refused by the declaration's rules.</exception>
    /// <param name="mergeIdentical">
    /// Plan a point whose config is an earlier point's but for its name (a grid value equal to the declared one) once,
    /// listing it in <see cref="SweepPlan.Merged"/>. Studies keep such arms apart: two identical arms are a control.
    /// </param>
    /// <exception cref="ArgumentException">An unknown experiment, or two points with the same label.</exception>
    public static SweepPlan Plan(SweepSpec spec, IReadOnlyList<PointRequest> requests, IReadOnlyList<IExperiment> registry, string runsRoot, bool mergeIdentical = false)
    {
        var resolved = requests.Select(request => (Request: request, Experiment: request.Bound ?? Resolve(request, registry))).ToList();
        var rates = resolved.Select(r => r.Experiment.Config.Train.Threads).Distinct().ToDictionary(
            threads => threads,
            threads => MeasuredThroughput.FlopsPerSecond(runsRoot, resolved.Select(r => r.Experiment.Config.Name), threads));
        var points = new List<SweepPoint>();
        var merged = new List<MergedPoint>();
        var byContent = new Dictionary<string, string>();
        foreach (var (request, experiment) in resolved)
        {
            var config = experiment.Config;
            string label = request.Seed is { } seed ? string.Create(CultureInfo.InvariantCulture, $"{request.Group} seed={seed}") : request.Group;
            if (points.Any(p => p.Label == label)) throw new ArgumentException($"the plan has two points labelled '{label}'");
            if (mergeIdentical)
            {
                string content = RunManifest.HashConfig(config with { Name = "", Description = "" });
                if (byContent.TryGetValue(content, out var sameAs))
                {
                    merged.Add(new MergedPoint(label, sameAs));
                    continue;
                }
                byContent[content] = label;
            }
            points.Add(new SweepPoint(points.Count, label, request.Group, request.Experiment, VariantOf(request.Experiment, registry),
                OverridesOf(request, registry), config.Seed, config.Train.Threads, RunManifest.HashConfig(config),
                PointCost.Estimate(config, rates[config.Train.Threads]), config)
            {
                Mode = ExperimentRunner.ModeOf(config, Config.Reproducibility.Default),
                Bound = experiment,
            });
        }
        return new SweepPlan(SweepPlan.CurrentFormat, spec.Id, spec.Name, spec.Overrides, spec.Seeds, spec.Launcher, DateTimeOffset.UtcNow, points)
        {
            Grid = spec.Grid,
            Merged = merged,
        };
    }

    /// <summary>
    /// The experiment a point runs: the one bound while planning, or (for a plan read from its file) the declared one
    /// with the point's overrides (its seed included) applied.
    /// </summary>
    public static IExperiment Resolve(SweepPoint point, IReadOnlyList<IExperiment> registry) =>
        point.Bound ?? ConfiguredExperiment.WithOverrides(Declared(point.Experiment, registry), point.Overrides);

    static IExperiment Resolve(PointRequest request, IReadOnlyList<IExperiment> registry) =>
        ConfiguredExperiment.WithOverrides(Declared(request.Experiment, registry), OverridesOf(request, registry));

    static IReadOnlyList<string> OverridesOf(PointRequest request, IReadOnlyList<IExperiment> registry) =>
        request.Seed is { } seed && seed != Declared(request.Experiment, registry).Config.Seed
            ? [.. request.Overrides, string.Create(CultureInfo.InvariantCulture, $"seed={seed}")]
            : request.Overrides;

    static IExperiment Declared(string name, IReadOnlyList<IExperiment> registry) =>
        registry.FirstOrDefault(e => e.Config.Name == name) ?? throw new ArgumentException($"no experiment named '{name}'");

    /// <summary>For <c>name.variant</c> or <c>name@key=value</c> of a declared <c>name</c>: the part after the separator.</summary>
    static string? VariantOf(string experiment, IReadOnlyList<IExperiment> registry)
    {
        int at = experiment.IndexOfAny(['.', '@']);
        while (at > 0)
        {
            if (registry.Any(e => e.Config.Name == experiment[..at])) return experiment[(at + 1)..];
            at = experiment.IndexOfAny(['.', '@'], at + 1);
        }
        return null;
    }
}
