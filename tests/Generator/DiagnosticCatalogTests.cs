using System.Text;
using DslRunner.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DslRunner.Tests.Generator;

/// <summary>
/// Every invalid experiment under tests/Invalid/ pinned to its diagnostics (ID, line, column, message) in one
/// readable snapshot. A case is a YAML file, a folder of YAML files read together, a C# file (CSharp/*.cs.txt), or a
/// study (Studies/*.study.yaml, or a folder of them) read with the experiments of Studies/.
/// </summary>
public sealed class DiagnosticCatalogTests
{
    static readonly string InvalidFolder = Path.Combine(Snapshot.RepositoryRoot(), "tests", "Invalid");

    sealed record Case(string Name, GeneratorRunResult Result);

    static readonly Lazy<List<Case>> allCases = new(RunCases);

    static List<Case> RunAllCases() => allCases.Value;

    static List<Case> RunCases()
    {
        var cases = new List<Case>();
        foreach (var file in Directory.GetFiles(InvalidFolder, "*.experiment.yaml").Order(StringComparer.Ordinal))
            cases.Add(new Case(Path.GetFileName(file), GeneratorHarness.Run([Yaml(file)], Array.Empty<string>())));
        foreach (var folder in Directory.GetDirectories(InvalidFolder).Where(f => Path.GetFileName(f) is not ("CSharp" or "Studies")).Order(StringComparer.Ordinal))
        {
            var files = Directory.GetFiles(folder, "*.experiment.yaml").Order(StringComparer.Ordinal).Select(Yaml);
            cases.Add(new Case(Path.GetFileName(folder) + "/", GeneratorHarness.Run(files, Array.Empty<string>())));
        }
        foreach (var file in Directory.GetFiles(Path.Combine(InvalidFolder, "CSharp"), "*.cs.txt").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file)[..^".txt".Length];
            cases.Add(new Case("CSharp/" + name, GeneratorHarness.RunWithNamedSources([], [("/invalid/CSharp/" + name, File.ReadAllText(file))])));
        }
        string studies = Path.Combine(InvalidFolder, "Studies");
        var experiments = Directory.GetFiles(studies, "*.experiment.yaml").Order(StringComparer.Ordinal).Select(Yaml).ToList();
        foreach (var file in Directory.GetFiles(studies, "*.study.yaml").Order(StringComparer.Ordinal))
            cases.Add(new Case("Studies/" + Path.GetFileName(file), GeneratorHarness.Run([.. experiments, Yaml(file)], Array.Empty<string>())));
        foreach (var folder in Directory.GetDirectories(studies).Order(StringComparer.Ordinal))
            cases.Add(new Case("Studies/" + Path.GetFileName(folder) + "/",
                GeneratorHarness.Run([.. experiments, .. Directory.GetFiles(folder, "*.study.yaml").Order(StringComparer.Ordinal).Select(Yaml)], Array.Empty<string>())));
        return cases;
    }

    /// <summary>A stable, machine-independent path: the catalog must not depend on where the repository lives.</summary>
    static (string, string) Yaml(string file) =>
        ("/invalid/" + Path.GetRelativePath(InvalidFolder, file).Replace('\\', '/'), File.ReadAllText(file));

    static IEnumerable<Diagnostic> Ordered(GeneratorRunResult result) => result.Diagnostics
        .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
        .ThenBy(d => d.Location.GetLineSpan().StartLinePosition)
        .ThenBy(d => d.Id, StringComparer.Ordinal);

    [Fact]
    public void Every_invalid_experiment_is_pinned_to_its_diagnostics()
    {
        var report = new StringBuilder();
        foreach (var @case in RunAllCases())
        {
            report.Append("## ").Append(@case.Name).Append('\n');
            foreach (var diagnostic in Ordered(@case.Result))
                report.Append(GeneratorHarness.Describe(diagnostic)).Append('\n');
            report.Append('\n');
        }
        Snapshot.Match(report.ToString(), "Generator/InvalidExperiments.verified.txt");
    }

    [Fact]
    public void Each_invalid_experiment_yields_diagnostics_and_no_experiment_class()
    {
        var cases = RunAllCases();

        Assert.True(cases.Count >= 30, $"the catalog holds {cases.Count} cases");
        foreach (var @case in cases)
        {
            Assert.Null(@case.Result.Exception);
            Assert.True(@case.Result.Diagnostics.Length > 0, $"{@case.Name} produced no diagnostic");
            Assert.All(@case.Result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
            Assert.All(@case.Result.Diagnostics, d => Assert.True(d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile, $"{@case.Name}: {d} has no file location"));
            if (@case.Name.StartsWith("Studies/", StringComparison.Ordinal) || @case.Name.StartsWith("CSharp/cs-study-", StringComparison.Ordinal))
            {
                // The study's experiments are valid; the study itself must generate nothing.
                var studyClasses = @case.Result.GeneratedSources.Where(s => s.HintName.EndsWith("Study.g.cs", StringComparison.Ordinal) || s.HintName == "StudyRegistry.g.cs");
                Assert.True(!studyClasses.Any() || @case.Name.EndsWith('/'), $"{@case.Name} generated {string.Join(", ", studyClasses.Select(s => s.HintName))}");
                continue;
            }
            var experimentClasses = @case.Result.GeneratedSources.Where(s => s.HintName != "ExperimentRegistry.g.cs" && s.HintName != "DslRunner.Declarations.g.cs");
            Assert.True(!experimentClasses.Any() || @case.Name.EndsWith('/'), $"{@case.Name} generated {string.Join(", ", experimentClasses.Select(s => s.HintName))}");
        }
    }

    [Fact]
    public void The_catalog_exercises_every_diagnostic_id()
    {
        var seen = RunAllCases().SelectMany(c => c.Result.Diagnostics).Select(d => d.Id).ToHashSet();
        var all = typeof(DslRunner.Generator.ExperimentGenerator).Assembly
            .GetType("DslRunner.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().ToList();
        var descriptors = all.Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
        // The catalog holds what refuses a declaration; a warning builds, and its own tests exercise it.
        var warnings = all.Where(d => d.DefaultSeverity == DiagnosticSeverity.Warning).Select(d => d.Id).Order(StringComparer.Ordinal).ToList();
        // The release-tracking tables list each rule once: "DSL0001 | Category | Severity | Notes".
        var released = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadLines(Path.Combine(Snapshot.RepositoryRoot(), "generator", file)))
            .Where(line => line.StartsWith("DSL", StringComparison.Ordinal))
            .Select(line => line.Split('|')[0].Trim()).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(released);
        Assert.Equal(released, descriptors);
        Assert.Equal(["DSL0033", "DSL0060"], warnings); // DecodersWithoutPromptsTests, ClaimDeclarationTests
        Assert.All(descriptors.Except(warnings), id => Assert.Contains(id, seen));
    }
}
