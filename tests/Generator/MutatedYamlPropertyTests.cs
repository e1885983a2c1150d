using System.Collections.Immutable;
using CsCheck;
using DslRunner.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>
/// Thousands of randomly damaged experiment files, one to three at a time so that extends, duplicate names and
/// class names meet: the generator never throws, and each run yields experiment classes that parse as C#, or
/// diagnostics that point into the files.
/// </summary>
public sealed class MutatedYamlPropertyTests
{
    static readonly string[] Paths = ["/project/a.experiment.yaml", "/project/b.experiment.yaml", "/project/c.experiment.yaml"];

    static readonly string[] Seeds = LoadSeeds();

    /// <summary>Text an edit may insert: YAML's syntax characters, odd scalars, and non-ASCII.</summary>
    static readonly string[] Fragments =
    [
        ":", "{", "}", "[", "]", "-", "- ", "#", "\"", "'", "\n", "  ", "\t", "&a ", "*a", "!!str ", "|", ">", "%", "@", "`", ",",
        "~", "null", "true", "-1", "0", "1e400", ".inf", ".nan", "99999999999999999999", "0.5", "[]", "{}", "诗", "\u0000", "\\",
        "kind: lstm", "heads: 3", "extends: missing.experiment.yaml", "extends: a.experiment.yaml", "extends: b.experiment.yaml",
        "experiment: quickstart", "experiment: Quick-Start", "abstract: true", "variants: { v: { model.heads: 0 } }",
        "sweep: { loss.l1.weight: [1, 2] }", "experiment: ExperimentRegistry", "loss: [ { capacity: { lambda: -1 } } ]", "decode: [ beam ]",
    ];

    sealed record Edit(int Kind, int Position, int Length, int Fragment);

    static readonly Gen<Edit> EditGen = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 4000], Gen.Int[0, 12], Gen.Int[0, Fragments.Length - 1],
        (kind, position, length, fragment) => new Edit(kind, position, length, fragment));

    static readonly Gen<(int Seed, Edit[] Edits)> DocumentGen = Gen.Select(Gen.Int[0, Seeds.Length - 1], EditGen.Array[1, 5]);

    static readonly Gen<(int Seed, Edit[] Edits)[]> ProjectGen = DocumentGen.Array[1, 3];

    [Fact]
    public void Randomly_mutated_yaml_never_makes_the_generator_throw_and_yields_code_or_diagnostics()
    {
        ProjectGen.Sample(
            project => CheckProject(Texts(project)),
            iter: 2000,
            print: project => string.Join("\n----\n", Texts(project)));
    }

    static string[] Texts((int Seed, Edit[] Edits)[] project) => [.. project.Select(d => Apply(Seeds[d.Seed], d.Edits))];

    /// <summary>A driver that has run once on no files: each sample adds its files to it, skipping the one-time setup.</summary>
    static readonly Lazy<(GeneratorDriver Driver, Compilation Compilation)> warmDriver = new(() =>
    {
        var compilation = GeneratorHarness.CreateCompilation([]);
        return (GeneratorHarness.CreateDriver([], trackSteps: false).RunGenerators(compilation), compilation);
    });

    static void CheckProject(string[] texts)
    {
        var files = texts.Select((text, i) => (AdditionalText)new InMemoryText(Paths[i], text)).ToImmutableArray();
        var (driver, compilation) = warmDriver.Value;
        var result = driver.AddAdditionalTexts(files).RunGenerators(compilation).GetRunResult().Results.Single();
        if (result.Exception is not null) throw result.Exception;
        foreach (var diagnostic in result.Diagnostics)
            if (!Paths.Contains(diagnostic.Location.GetLineSpan().Path))
                throw new InvalidOperationException($"{diagnostic} points outside the files");
        var experiments = result.GeneratedSources.Where(s => s.HintName != "ExperimentRegistry.g.cs" && s.HintName != "DslRunner.Declarations.g.cs").ToList();
        foreach (var source in experiments)
        {
            var syntaxErrors = CSharpSyntaxTree.ParseText(source.SourceText, GeneratorHarness.ParseOptions)
                .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (syntaxErrors.Count > 0) throw new InvalidOperationException("generated code does not parse: " + syntaxErrors[0]);
        }
        // Every file is accounted for: it is an abstract base, produced an experiment, or has a diagnostic.
        int accounted = experiments.Count + result.Diagnostics.Select(d => d.Location.GetLineSpan().Path).Distinct().Count()
            + texts.Count(t => t.Contains("abstract: true", StringComparison.Ordinal));
        if (accounted < texts.Length) throw new InvalidOperationException("a file yielded neither an experiment nor a diagnostic");
    }

    static string Apply(string text, Edit[] edits)
    {
        foreach (var edit in edits)
        {
            int position = edit.Position % (text.Length + 1);
            int length = Math.Min(edit.Length, text.Length - position);
            string fragment = Fragments[edit.Fragment];
            var lines = text.Split('\n').ToList();
            int line = edit.Position % lines.Count, other = (edit.Position / 7 + edit.Length) % lines.Count;
            text = edit.Kind switch
            {
                0 => text.Remove(position, length),
                1 => text.Insert(position, fragment),
                2 => text.Remove(position, length).Insert(position, fragment),
                3 => string.Join('\n', lines.Where((_, i) => i != line)),
                4 => string.Join('\n', lines.Select((l, i) => i == line ? lines[other] : i == other ? lines[line] : l)),
                _ => string.Join('\n', lines.Select((l, i) => i == line ? new string(' ', edit.Length % 5) + l.TrimStart() : l)),
            };
        }
        return text;
    }

    static string[] LoadSeeds()
    {
        string root = Snapshot.RepositoryRoot();
        return [.. Directory.GetFiles(System.IO.Path.Combine(root, "experiments"), "*.experiment.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(System.IO.Path.Combine(root, "tests", "Generator", "Declarations"), "*.experiment.yaml"))
            .Where(file => !File.ReadAllText(file).Contains("abstract: true", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)];
    }
}
