using CsCheck;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Emit;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Yaml;
using DslRunner.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>
/// Thousands of randomly damaged experiment files: the generator never throws, and each file yields either
/// an experiment class that parses as C#, or diagnostics that point into the file.
/// </summary>
public sealed class MutatedYamlPropertyTests
{
    const string Path = "/project/mutated.experiment.yaml";

    static readonly string[] Seeds = LoadSeeds();

    /// <summary>Text an edit may insert: YAML's syntax characters, odd scalars, and non-ASCII.</summary>
    static readonly string[] Fragments =
    [
        ":", "{", "}", "[", "]", "-", "- ", "#", "\"", "'", "\n", "  ", "\t", "&a ", "*a", "!!str ", "|", ">", "%", "@", "`", ",",
        "~", "null", "true", "-1", "0", "1e400", ".inf", ".nan", "99999999999999999999", "0.5", "[]", "{}", "诗", "\u0000", "\\",
        "kind: lstm", "heads: 3", "extends: missing.experiment.yaml", "extends: mutated.experiment.yaml", "variants: { v: { model.heads: 0 } }",
        "sweep: { loss.l1.weight: [1, 2] }", "experiment: ExperimentRegistry", "loss: [ { capacity: { lambda: -1 } } ]", "decode: [ beam ]",
    ];

    sealed record Edit(int Kind, int Position, int Length, int Fragment);

    static readonly Gen<Edit> EditGen = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 4000], Gen.Int[0, 12], Gen.Int[0, Fragments.Length - 1],
        (kind, position, length, fragment) => new Edit(kind, position, length, fragment));

    static readonly Gen<(int Seed, Edit[] Edits)> DocumentGen = Gen.Select(Gen.Int[0, Seeds.Length - 1], EditGen.Array[1, 5]);

    [Fact]
    public void Randomly_mutated_yaml_never_makes_the_generator_throw_and_yields_code_or_diagnostics()
    {
        DocumentGen.Sample(
            document => CheckOne(Apply(Seeds[document.Seed], document.Edits)),
            iter: 4000,
            print: document => Apply(Seeds[document.Seed], document.Edits));
    }

    static void CheckOne(string text)
    {
        var parsed = YamlFrontEnd.Read(Path, text);
        var declarations = DocumentResolver.Resolve([parsed], GeneratorHarness.RootNamespace);
        int experiments = 0, diagnostics = 0;
        foreach (var declaration in declarations)
        {
            var bound = ExperimentBuilder.Build(declaration);
            foreach (var info in bound.Diagnostics)
            {
                var diagnostic = info.ToDiagnostic();
                var span = diagnostic.Location.GetLineSpan();
                if (span.Path != Path) throw new InvalidOperationException($"{diagnostic} points outside the file");
                diagnostics++;
            }
            if (bound.Spec is null) continue;
            experiments++;
            var syntaxErrors = CSharpSyntaxTree.ParseText(ExperimentEmitter.Emit(bound.Spec), GeneratorHarness.ParseOptions)
                .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (syntaxErrors.Count > 0) throw new InvalidOperationException("generated code does not parse: " + syntaxErrors[0]);
        }
        bool isAbstractBase = text.Contains("abstract: true", StringComparison.Ordinal);
        if (experiments == 0 && diagnostics == 0 && !isAbstractBase)
            throw new InvalidOperationException("neither an experiment nor a diagnostic");
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
