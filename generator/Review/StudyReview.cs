using System.Text.RegularExpressions;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Measures;
using DslRunner.Generator.Model;
using DslRunner.Generator.Studies;

namespace DslRunner.Review;

/// <summary>One study file at a revision, checked by the generator's study stages; <paramref name="Spec"/> is null when it does not build.</summary>
/// <param name="Problems">What the build would report for it, as the build prints it.</param>
internal sealed record DeclaredStudy(string Name, string Path, StudySpec? Spec, IReadOnlyList<string> Problems);

/// <summary>What happened to one study between the two revisions: one line per arm, check, budget or setting added, removed or changed.</summary>
internal sealed record StudyChange(ChangeKind Kind, string Name, string Path, IReadOnlyList<string> Lines);

/// <summary>Study files (<c>*.study.yaml</c>) in a review: read and checked as the build checks them, then compared part by part.</summary>
internal static partial class StudyReview
{
    /// <summary>Every study file of a revision, checked against that revision's experiments and its C# study measures.</summary>
    public static IReadOnlyList<DeclaredStudy> Read(IReadOnlyList<SourceFile> files, IReadOnlyList<ExperimentSpec> experiments, string rootNamespace)
    {
        var targets = experiments.SelectMany(spec => new[] { new ArmTarget(spec.Body.Name, spec.Body.Declaration) }
            .Concat(spec.Derived.Select(d => new ArmTarget(d.Body.Name, d.Body.Declaration)))).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        // [StudyMeasure("name")] classes, found by attribute name in the sources as written.
        var measures = files.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => MeasureAttribute().Matches(f.Text).Select(m => new CodeMeasure(m.Groups["name"].Value, "global::" + m.Groups["type"].Value)))
            .ToList();
        return [.. files.Where(f => StudyFrontEnd.IsStudyFile(f.Path)).Select(file =>
        {
            var document = StudyFrontEnd.Read(file.Path, file.Text);
            var bound = StudyBuilder.Build(document, rootNamespace, targets, measures);
            var spec = bound.Spec;
            string name = spec?.Name ?? (StudyName().Match(file.Text) is { Success: true } match ? match.Groups["name"].Value.Trim() : file.Path);
            var problems = bound.Diagnostics.Where(d => !DiagnosticCatalog.ById(d.Id).IsWarning)
                .Select(d => $"{d.Span.Path}({d.Span.Line + 1},{d.Span.Column + 1}): error {d.Id}: {d.Message}").ToList();
            return new DeclaredStudy(name, file.Path, spec, problems);
        })];
    }

    public static IReadOnlyList<StudyChange> Compare(IReadOnlyList<DeclaredStudy> before, IReadOnlyList<DeclaredStudy> after)
    {
        var changes = new List<StudyChange>();
        var earlier = before.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var later = after.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (name, study) in later)
        {
            if (!earlier.TryGetValue(name, out var prior)) changes.Add(new StudyChange(ChangeKind.Added, name, study.Path, Describe(study)));
            else if (Describe(prior) is var a && Describe(study) is var b && !a.SequenceEqual(b))
                changes.Add(new StudyChange(ChangeKind.Changed, name, study.Path,
                    [.. a.Except(b).Select(line => "- " + line), .. b.Except(a).Select(line => "+ " + line)]));
        }
        foreach (var (name, study) in earlier.Where(s => !later.ContainsKey(s.Key)))
            changes.Add(new StudyChange(ChangeKind.Removed, name, study.Path, Describe(study)));
        return [.. changes.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    static IReadOnlyList<string> Describe(DeclaredStudy study) => study.Spec is null ? ["does not build:", .. study.Problems] : Lines(study.Spec);

    /// <summary>The study as one line per part, so that two revisions compare line by line.</summary>
    static List<string> Lines(StudySpec spec)
    {
        var lines = new List<string> { $"seeds {string.Join(", ", spec.Seeds)}", $"measures {string.Join(", ", spec.Measures)}" };
        // Only where declared, so a study that declares neither reads as before.
        if (spec.DataSeeds is { } dataSeeds) lines.Add($"data seeds {string.Join(", ", dataSeeds)}");
        if (spec.Multiplicity != "holm") lines.Add($"multiplicity {spec.Multiplicity}");
        lines.AddRange(spec.Arms.Select(arm => $"arm {arm.Label}: {arm.Experiment}{Set(arm.Overrides)}{(arm.Train ? "" : ", not trained")}"
                                               + (arm.DecodesFrom is { } from ? $", decodes from {from}" : "")));
        lines.AddRange(spec.Controls.Select(check => $"control {check.Id}: {Check(check)}"));
        lines.AddRange(spec.Claims.Select(check => $"claim {check.Id} ({check.Kind}): {Check(check)}"
                                                   + (check.Needs.Count == 0 ? "" : $", needs {string.Join(", ", check.Needs)}") + $" — {check.Text}"));
        lines.AddRange(spec.Budgets.Select(budget => $"budget {budget.Name}:"
                                                     + (budget.Seeds is { } seeds ? $" seeds {string.Join(", ", seeds)}" : "")
                                                     + Set(budget.Overrides)
                                                     + string.Concat(budget.Arms.Select(arm => $"; arm {arm.Arm}{Set(arm.Overrides)}"))
                                                     + (budget.Runtime.Length == 0 ? "" : $" ({budget.Runtime})")));
        return lines;
    }

    static string Check(CheckSpec check) =>
        $"{Term(check.Value)} {check.Operator} {check.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    static string Term(CheckTerm term) => term.Second is { } second
        ? term.Kind == "slope" ? $"slope({term.First.Metric}, {second.Metric})[{string.Join(", ", term.Over)}]"
        : term.Kind == "corr" ? $"corr({term.First.Metric}, {second.Metric})[{term.First.Arm}]" : $"{Ref(term.First)} - {Ref(second)}"
        : Ref(term.First);

    static string Ref(MetricRef metric) =>
        $"{metric.Metric}@{(metric.Value.ToLowerInvariant() is "step" ? "step" + metric.Step.ToString(System.Globalization.CultureInfo.InvariantCulture) : metric.Value.ToLowerInvariant())}[{metric.Arm}]";

    static string Set(EquatableArray<string> overrides) => overrides.Count == 0 ? "" : " with " + string.Join(", ", overrides);

    [GeneratedRegex(@"\[StudyMeasure\(\s*""(?<name>[^""]+)""\s*\)\]\s*(?:\[[^\]]*\]\s*)*(?:public|internal)?\s*(?:sealed\s+|static\s+)*(?:partial\s+)?class\s+(?<type>\w+)")]
    private static partial Regex MeasureAttribute();

    [GeneratedRegex(@"^study:\s*(?<name>.+)$", RegexOptions.Multiline)]
    private static partial Regex StudyName();
}
