using DslRunner.Config;
using DslRunner.Tests.Generator;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Packaging;

/// <summary>
/// The study that <c>dotnet new dslrunner</c> creates ships snapshots of its experiments' resolved configs; its YAML and
/// C# experiments are compiled here with this checkout's generator and must resolve to exactly those snapshots, so a
/// change to the DSL's defaults updates the template in the same change (DSLRUNNER_ACCEPT_SNAPSHOTS=1 rewrites them).
/// The packed template itself is exercised by tests/Packaging/end-to-end.sh.
/// </summary>
public sealed class TemplateTests : IDeclaresSnapshots
{
    static readonly string[] TemplateExperiments = ["quickstart", "quickstart-cs"];

    public static IEnumerable<string> SnapshotNames() => TemplateExperiments.Select(SnapshotNameOf);

    static string SnapshotNameOf(string experiment) => $"../../{TemplateFolder}/MyStudy.Tests/Snapshots/{experiment}.config.verified.json";

    const string TemplateFolder = "runtime/packaging/templates/content/dslrunner";
    static readonly string Study = Path.Combine(Snapshot.RepositoryRoot(), TemplateFolder, "MyStudy");

    [Fact]
    public void The_template_experiments_resolve_to_the_configs_its_tests_pin()
    {
        var yaml = Directory.GetFiles(Study, "*.experiment.yaml").Select(path => (path, File.ReadAllText(path))).ToArray();
        string[] sources = [.. Directory.GetFiles(Study, "*.cs").Where(path => Path.GetFileName(path) != "Program.cs").Select(File.ReadAllText)];

        var result = GeneratorHarness.Run(yaml, sources);
        var experiments = GeneratedAssembly.Registry(GeneratedAssembly.Load(GeneratedCodeCompilesTests.AssertCompiles(result, sources)));

        Assert.Equal(TemplateExperiments, experiments.Select(experiment => experiment.Config.Name));
        foreach (var experiment in experiments)
            Snapshot.Match(ConfigJson.Serialize(experiment.Config), SnapshotNameOf(experiment.Config.Name));
    }
}
