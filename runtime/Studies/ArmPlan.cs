using System.Globalization;
using DslRunner.Config;
using DslRunner.Runs;

namespace DslRunner.Studies;

/// <summary>One arm at one replicate seed, resolved: the config it runs and its hash (the key for reusing a finished run).</summary>
/// <param name="GeneratedCodeHash">The hash of the generated experiment the arm's config was bound from.</param>
/// <param name="Overrides">The arm's and the budget's overrides, the budget's for this arm last (the seed is applied after them).</param>
public sealed record ArmPlan(StudyArm Arm, int Seed, ExperimentConfig Config, IReadOnlyList<string> Overrides, string GeneratedCodeHash)
{
    public string ConfigHash { get; } = RunManifest.HashConfig(Config);

    /// <summary>The experiment built from <see cref="Config"/>: what the arm's run trains and its measures read, bound once.</summary>
    public required IExperiment Bound { get; init; }

    /// <summary>The replicated text's data seed (<c>data.seed</c>, from the study's <c>data_seeds</c>); null when the study has one text.</summary>
    public int? DataSeed { get; init; }

    /// <summary>The replicate this run is: its seed and, where texts are replicated, its data seed. Arms are paired by it.</summary>
    public (int Seed, int? DataSeed) Replicate => (Seed, DataSeed);
}

/// <summary>
/// Resolves a study's arms × seeds (× data seeds, where the study replicates the text) under a budget: each arm's
/// experiment from the registry, its overrides, the budget's, the data seed, then the replicate seed, bound with the
/// generator's rules (the build already checked the same overrides). A decoding arm resolves as the arm it decodes from
/// with its decode overrides after that arm's.
/// </summary>
public static class StudyPlanner
{
    public static IReadOnlyList<ArmPlan> Plan(StudyDefinition study, StudyBudgetDeclaration budget, IReadOnlyList<IExperiment> registry)
    {
        var seeds = budget.Seeds ?? study.Seeds;
        var plans = new List<ArmPlan>();
        foreach (var arm in study.Arms)
        {
            var experiment = registry.FirstOrDefault(e => e.Config.Name == arm.Experiment)
                ?? throw new InvalidOperationException($"study '{study.Name}': arm '{arm.Label}' names '{arm.Experiment}', which is not in the experiment registry");
            // A built arm reads no text, so it is built once, whatever the texts.
            IReadOnlyList<int?> dataSeeds = arm.Train && study.DataSeeds is { } texts ? [.. texts.Select(d => (int?)d)] : [null];
            foreach (int? dataSeed in dataSeeds)
            foreach (int seed in arm.Train ? seeds : seeds.Take(1))
            {
                IReadOnlyList<string> overrides = arm.DecodesFrom is { } from
                    ? [.. study.Arms.First(a => a.Label == from).Overrides, .. arm.Overrides, .. budget.OverridesOf(from)]
                    : [.. arm.Overrides, .. budget.OverridesOf(arm.Label)];
                if (dataSeed is { } text) overrides = [.. overrides, string.Create(CultureInfo.InvariantCulture, $"data.seed={text}")];
                var bound = ConfigOverrides.Bind(experiment.Declaration, [.. overrides, $"seed={seed}"], experiment.Config);
                var config = bound.Config ?? throw new InvalidOperationException(
                    $"study '{study.Name}', arm '{arm.Label}', seed {seed}: {string.Join("; ", bound.Errors)}");
                plans.Add(new ArmPlan(arm, seed, config, overrides, experiment.GeneratedCodeHash)
                {
                    DataSeed = dataSeed, Bound = new ConfiguredExperiment(config, experiment.GeneratedCodeHash, experiment),
                });
            }
        }
        return plans;
    }
}
