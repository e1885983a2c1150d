using System.Collections.Immutable;
using System.Globalization;
using DslRunner.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using YamlDotNet.RepresentationModel;

namespace DslRunner.Tests.Generator;

/// <summary>
/// Thousands of randomly damaged experiment files, one to three at a time so that extends, duplicate names and
/// class names meet: the generator never throws, every diagnostic points into the files, every emitted class parses,
/// and each file on its own is accounted for (an abstract base, the source of an emitted class, or the place of a
/// diagnostic). The projects come from a fixed seed, so a failure names the seed and project that reproduce it.
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
        "sweep: { loss.l1.weight: [1, 2] }", "experiment: ExperimentRegistry", "loss: [ { capacity: { weight: -1 } } ]", "decode: [ beam ]",
    ];

    const int Seed = 20_261_201;
    const int ProjectCount = 2000;

    sealed record Edit(int Kind, int Position, int Length, int Fragment);

    [Fact]
    public void Randomly_mutated_yaml_never_makes_the_generator_throw_and_yields_code_or_diagnostics_per_file()
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Project, string Message)>();
        int emitting = 0;
        Parallel.For(0, ProjectCount, project =>
        {
            string[] texts = Project(project);
            try { if (CheckProject(texts)) Interlocked.Increment(ref emitting); }
            catch (Exception e) { failures.Add((project, $"{e.Message}\n{string.Join("\n----\n", texts)}")); }
        });
        // A generator that emitted nothing and diagnosed everything would pass the rest: many mutants stay valid and must
        // still give code (469 of the 2,000 do at this seed).
        Assert.True(emitting >= ProjectCount / 5, $"only {emitting} of {ProjectCount} mutated projects emitted an experiment class");

        if (!failures.IsEmpty)
        {
            var first = failures.MinBy(f => f.Project);
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{failures.Count} of {ProjectCount} projects failed (seed {Seed}); the first, project {first.Project}: {first.Message}"));
        }
    }

    /// <summary>Project <paramref name="index"/> of the seed: one to three seed files, each with one to five edits.</summary>
    static string[] Project(int index)
    {
        var random = new Random(HashCode.Combine(Seed, index) & int.MaxValue);
        var texts = new string[random.Next(1, 4)];
        for (int i = 0; i < texts.Length; i++)
        {
            string seed = Seeds[random.Next(Seeds.Length)];
            var edits = Enumerable.Range(0, random.Next(1, 6))
                .Select(_ => new Edit(random.Next(0, 6), random.Next(0, 4001), random.Next(0, 13), random.Next(Fragments.Length)))
                .ToArray();
            texts[i] = Apply(seed, edits);
        }
        return texts;
    }

    /// <summary>A driver that has run once on no files: each sample adds its files to it, skipping the one-time setup.</summary>
    static readonly Lazy<(GeneratorDriver Driver, Compilation Compilation)> warmDriver = new(() =>
    {
        var compilation = GeneratorHarness.CreateCompilation([]);
        return (GeneratorHarness.CreateDriver([], trackSteps: false).RunGenerators(compilation), compilation);
    });

    /// <returns>Whether the project emitted at least one experiment class.</returns>
    static bool CheckProject(string[] texts)
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
        // Each file is accounted for on its own.
        var emittedNames = experiments.Select(source => EmittedName(source.SourceText.ToString())).ToHashSet(StringComparer.Ordinal);
        var diagnosed = result.Diagnostics.Select(d => d.Location.GetLineSpan().Path).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < texts.Length; i++)
        {
            if (diagnosed.Contains(Paths[i]) || texts[i].Contains("abstract: true", StringComparison.Ordinal)) continue;
            if (DeclaredName(texts[i]) is { } name && emittedNames.Contains(name)) continue;
            throw new InvalidOperationException($"{Paths[i]} yielded neither an experiment class nor a diagnostic");
        }
        return experiments.Count > 0;
    }

    /// <summary>The experiment name a generated class declares (<c>public const string Name = "…";</c>), unescaped.</summary>
    static string? EmittedName(string source)
    {
        const string marker = "public const string Name = ";
        int start = source.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return null;
        start += marker.Length;
        string literal = source[start..source.IndexOf(";\n", start, StringComparison.Ordinal)];
        return SyntaxFactory.ParseExpression(literal) is LiteralExpressionSyntax parsed ? parsed.Token.ValueText : null;
    }

    /// <summary>The value of a file's top-level <c>experiment:</c> key, when the file parses as YAML.</summary>
    static string? DeclaredName(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0
                && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("experiment"), out var value)
                && value is YamlScalarNode scalar ? scalar.Value : null;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
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
