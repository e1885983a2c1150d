using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Generator;

/// <summary>Pins the generated C# of every experiment in experiments/, so a change shows as a reviewable diff.</summary>
public sealed class GeneratedSourceSnapshotTests : IDeclaresSnapshots
{
    static readonly string ExperimentsFolder = Path.Combine(Snapshot.RepositoryRoot(), "experiments");

    public static TheoryData<string> ExperimentFiles() => [.. ExperimentPaths()];

    /// <summary>Every experiment file under experiments/, relative to it, abstract bases aside.</summary>
    static IEnumerable<string> ExperimentPaths() =>
        Directory.GetFiles(ExperimentsFolder, "*.experiment.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            // An abstract base emits no class of its own: its settings show in the experiments that extend it.
            .Where(file => !File.ReadLines(file).Any(line => line.Trim() == "abstract: true"))
            .Select(file => Path.GetRelativePath(ExperimentsFolder, file));

    public static IEnumerable<string> SnapshotNames() =>
        ExperimentPaths().Select(SnapshotNameOf).Concat(StudySnapshotNames()).Append(CSharpExperimentSnapshot);

    /// <summary>The attributed-C# experiment of experiments/ (its C# loss term takes a parameter).</summary>
    const string CSharpExperiment = "pinned/TinyPenaltyInCSharp.cs";
    const string CSharpExperimentSnapshot = "Generator/DslRunner.Experiments.Pinned.TinyPenaltyInCSharp.Experiment.g.verified.txt";

    /// <summary>The generated study classes (one per <c>*.study.yaml</c>, named from its <c>study:</c> line) and their registry.</summary>
    static IEnumerable<string> StudySnapshotNames() =>
        Directory.GetFiles(ExperimentsFolder, "*.study.yaml", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => line.StartsWith("study:", StringComparison.Ordinal))
            .Select(line => $"Generator/{DslRunner.Generator.Resolution.ClassNames.FromName(line["study:".Length..].Trim())}Study.g.verified.txt")
            .Append("Generator/StudyRegistry.g.verified.txt");

    /// <summary>The generator runs once on all experiments; every test case reads its result.</summary>
    static readonly Lazy<GeneratorRunResultSummary> AllExperiments = new(RunOnAllExperiments);

    /// <summary>The snapshot of the class generated from <paramref name="relativePath"/>.</summary>
    static string SnapshotNameOf(string relativePath) =>
        $"Generator/{SourceOf(relativePath).Key[..^".cs".Length]}.verified.txt";

    static KeyValuePair<string, string> SourceOf(string relativePath)
    {
        string text = File.ReadAllText(Path.Combine(ExperimentsFolder, relativePath));
        string name = text.Split('\n').First(line => line.StartsWith("experiment:", StringComparison.Ordinal))["experiment:".Length..].Trim();
        return AllExperiments.Value.Sources.Single(s => s.Value.Contains($"public const string Name = \"{name}\";", StringComparison.Ordinal));
    }

    static GeneratorRunResultSummary RunOnAllExperiments()
    {
        var files = Directory.GetFiles(ExperimentsFolder, "*.experiment.yaml", SearchOption.AllDirectories)
            .Select(path => (path, File.ReadAllText(path)));
        var result = GeneratorHarness.Run(files.ToArray());
        return new GeneratorRunResultSummary(
            result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            result.Diagnostics.Select(GeneratorHarness.Describe).ToList());
    }

    [Theory]
    [MemberData(nameof(ExperimentFiles))]
    public void Generated_source_of_each_experiment_matches_its_snapshot(string relativePath)
    {
        Assert.Empty(AllExperiments.Value.Diagnostics);
        Snapshot.Match(SourceOf(relativePath).Value, SnapshotNameOf(relativePath));
    }

    [Fact]
    public void Generated_source_of_every_study_matches_its_snapshot()
    {
        var yaml = Directory.GetFiles(ExperimentsFolder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)));
        var measures = Directory.GetFiles(Path.Combine(ExperimentsFolder, "Studies", "Measures"), "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText);
        var result = GeneratorHarness.Run(yaml.ToArray(), measures);

        Assert.Empty(result.Diagnostics.Select(GeneratorHarness.Describe));
        var studies = result.GeneratedSources
            .Where(s => s.HintName == "StudyRegistry.g.cs" || s.SourceText.ToString().Contains("StudyDefinition Definition", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, studies.Count);
        foreach (var study in studies)
            Snapshot.Match(study.SourceText.ToString(), $"Generator/{study.HintName[..^".cs".Length]}.verified.txt");
    }

    [Fact]
    public void Generated_source_of_the_csharp_experiment_matches_its_snapshot()
    {
        var yaml = Directory.GetFiles(ExperimentsFolder, "*.experiment.yaml", SearchOption.AllDirectories).Select(path => (path, File.ReadAllText(path)));
        string path = Path.Combine(ExperimentsFolder, CSharpExperiment);

        var result = GeneratorHarness.RunWithNamedSources(yaml, [(path, File.ReadAllText(path))]);

        Assert.Empty(result.Diagnostics.Select(GeneratorHarness.Describe));
        var source = result.GeneratedSources.Single(s => s.HintName == "DslRunner.Experiments.Pinned.TinyPenaltyInCSharp.Experiment.g.cs");
        Snapshot.Match(source.SourceText.ToString(), CSharpExperimentSnapshot);
    }

    [Fact]
    public void Registry_lists_every_experiment_sorted_by_name()
    {
        var run = AllExperiments.Value;
        Assert.Empty(run.Diagnostics);
        Snapshot.Match(run.Sources["ExperimentRegistry.g.cs"], "Generator/ExperimentRegistry.g.verified.txt");
    }

    [Fact]
    public void The_attributes_of_the_csharp_front_end_match_their_snapshot() =>
        Snapshot.Match(DslRunner.Generator.Attributes.AttributeSource.Generate(), "Generator/DslRunner.Declarations.g.verified.txt");

    sealed record GeneratorRunResultSummary(Dictionary<string, string> Sources, List<string> Diagnostics);
}
