using DslRunner;
using DslRunner.Config;
using DslRunner.Testing;

namespace MyStudy.Tests;

/// <summary>
/// Pins what each experiment resolves to (every default explicit, as a run's config.json) in Snapshots/, so a change
/// to a declaration, or to what DslRunner makes of it, shows up as a readable diff. Accept intended changes with
/// DSLRUNNER_ACCEPT_SNAPSHOTS=1 dotnet test.
/// </summary>
public class ConfigTests
{
    static IReadOnlyList<IExperiment> Experiments => global::MyStudy.ExperimentRegistry.All;

    public static TheoryData<string> Names => [.. Experiments.Select(experiment => experiment.Config.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Resolved_config_is_pinned(string name)
    {
        var experiment = Experiments.Single(candidate => candidate.Config.Name == name);
        Snapshot.Match(ConfigJson.Serialize(experiment.Config), name.Replace('/', '.') + ".config.verified.json");
    }
}
