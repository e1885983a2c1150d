using DslRunner.Generator.Attributes;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Emit;
using DslRunner.Generator.Model;
using DslRunner.Generator.Resolution;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;
using DslRunner.Generator.Yaml;

namespace DslRunner.Review;

/// <summary>A problem at a revision, as the build would print it (one-based line and column).</summary>
public sealed record ReviewDiagnostic(string Path, int Line, int Column, string Id, string Message)
{
    public override string ToString() => $"{Path}({Line},{Column}): error {Id}: {Message}";
}

/// <summary>One declared experiment at a revision, resolved and emitted by this checkout's generator.</summary>
/// <param name="Name">Its name; for a declaration too broken to name, its file.</param>
/// <param name="Path">The file that declares it (YAML, or the C# file of its class).</param>
/// <param name="Code">The generated source; null when the declaration has errors (it does not build).</param>
/// <param name="GeneratedFile">The generated file's name (<c>Quickstart.g.cs</c>); empty when it does not build.</param>
/// <param name="Keys">Its resolved keys (empty when it does not build).</param>
/// <param name="Declaration">The resolved declaration as YAML, from which a run's config is bound (empty when it names C# types).</param>
/// <param name="Derived">Its variants and sweep points: name → resolved keys.</param>
internal sealed record DeclaredExperiment(
    string Name,
    bool Named,
    string Path,
    string? Code,
    string GeneratedFile,
    IReadOnlyDictionary<string, KeyValue> Keys,
    string Declaration,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, KeyValue>> Derived)
{
    public bool Builds => Code is not null;
}

/// <summary>Every experiment of a project at one revision, and every problem the build would report.</summary>
/// <param name="Label">How the output names the side (a short commit, or "working tree").</param>
/// <param name="Commit">The full commit; for the working tree, HEAD's.</param>
/// <param name="Files">Every declaration file read (path → text), to tell which inherited files changed.</param>
internal sealed record RevisionState(
    string Label,
    string Commit,
    bool IsWorkingTree,
    IReadOnlyList<DeclaredExperiment> Experiments,
    IReadOnlyList<ReviewDiagnostic> Diagnostics,
    IReadOnlyDictionary<string, string> Files)
{
    /// <summary>Its study files, checked against its experiments.</summary>
    public IReadOnlyList<DeclaredStudy> Studies { get; init; } = [];

    /// <summary>
    /// Runs the generator's own stages on the files: the YAML and syntax-only C# front ends, <c>extends</c>
    /// resolution, binding with variants and sweep points, the rules, the cross-file name checks and the emitter.
    /// </summary>
    public static RevisionState Read(string label, string commit, bool isWorkingTree, IReadOnlyList<SourceFile> files, string rootNamespace)
    {
        var yaml = files.Where(f => YamlFrontEnd.IsExperimentFile(f.Path)).Select(f => YamlFrontEnd.Read(f.Path, f.Text));
        var csharp = SyntaxFrontEnd.Read(files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal)).Select(f => (f.Path, f.Text)));
        var declarations = DocumentResolver.Resolve(yaml.Concat(csharp.Documents), rootNamespace);
        var bound = declarations.Select(ExperimentBuilder.Build).ToList();

        // A warning builds: only what refuses a declaration is a problem of the side.
        var problems = bound.SelectMany(b => b.Diagnostics).Concat(DerivedNameCheck.Find(bound)).Where(d => !DiagnosticCatalog.ById(d.Id).IsWarning)
            .Select(d => new ReviewDiagnostic(d.Span.Path, d.Span.Line + 1, d.Span.Column + 1, d.Id, d.Message))
            .Concat(csharp.SyntaxErrors.Select(d =>
            {
                var span = d.Location.GetLineSpan();
                return new ReviewDiagnostic(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Id, d.GetMessage());
            }))
            .Distinct()
            .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        var experiments = declarations.Zip(bound, Experiment).ToList();
        var declarationFiles = files.Where(f => YamlFrontEnd.IsExperimentFile(f.Path) || csharp.Documents.Any(d => d.Path == f.Path))
            .ToDictionary(f => f.Path, f => f.Text);
        var studies = StudyReview.Read(files, [.. bound.Select(b => b.Spec).OfType<ExperimentSpec>()], rootNamespace);
        return new RevisionState(label, commit, isWorkingTree, experiments, problems, declarationFiles) { Studies = studies };
    }

    static DeclaredExperiment Experiment(ExperimentDeclaration declaration, BoundExperiment bound)
    {
        string? declaredName = (declaration.Root?.Find(ExperimentSchema.ExperimentKey)?.Value as ScalarNode)?.Text;
        if (bound.Spec is not { } spec || declaration.Root is null)
            return new DeclaredExperiment(declaredName ?? declaration.Path, declaredName is not null, declaration.Path, null, "",
                new Dictionary<string, KeyValue>(), "", new Dictionary<string, IReadOnlyDictionary<string, KeyValue>>());

        // Bound again, spans kept: each key's value knows the file that declared it (an inherited file for "via").
        var tree = TreeMerge.Without(declaration.Root, ExperimentSchema.VariantsKey, ExperimentSchema.SweepKey);
        var located = new ConfigBinder(new List<DiagnosticInfo>()).BindExperiment(tree) ?? spec.Body.Config;
        var derived = spec.Derived.ToDictionary(
            d => d.Body.Name, d => (IReadOnlyDictionary<string, KeyValue>)ConfigKeys.Flatten(d.Body.Config), StringComparer.Ordinal);
        return new DeclaredExperiment(spec.Body.Name, true, declaration.Path, ExperimentEmitter.Emit(spec), spec.FileName, ConfigKeys.Flatten(located),
            spec.Body.Declaration, derived);
    }
}
