using System.Globalization;
using System.Text;
using static DslRunner.Review.MarkdownText;

namespace DslRunner.Review;

/// <summary>Writes a <see cref="ReviewReport"/> as one pull-request comment (Markdown) or as plain text for a terminal.</summary>
internal static class ReviewRenderer
{
    public static string Markdown(ReviewReport report)
    {
        var md = new StringBuilder();
        md.Append("## Experiment review: ").Append(Code(report.Base.Label)).Append(" → ").Append(Code(report.Head.Label)).Append("\n\n");
        md.Append("Both sides resolved and emitted by ").Append(Code(report.Generator)).Append(" (the checkout that ran the review).\n\n");
        if (report.Changes.Count == 0) md.Append("No experiment changed.\n");
        else
        {
            md.Append("| Experiment | Change | Keys changed | Variants and sweep points | Builds (base → head) |\n");
            md.Append("|---|---|---|---|---|\n");
            foreach (var change in report.Changes)
                md.Append("| ").Append(Code(change.Name, inTable: true)).Append(" | ").Append(Kind(change, inTable: true))
                  .Append(" | ").Append(KeysSummary(change)).Append(" | ").Append(DerivedSummary(change))
                  .Append(" | ").Append(Builds(change.Base)).Append(" → ").Append(Builds(change.Head)).Append(" |\n");
        }
        if (report.Inherited.Count > 0)
        {
            md.Append("\nChanged through an inherited file:\n");
            foreach (var inherited in report.Inherited)
                md.Append("- ").Append(Code(inherited.File)).Append(": ").Append(string.Join(", ", inherited.Experiments.Select(n => Code(n)))).Append('\n');
        }
        Problems(md, "Base", report.Base);
        Problems(md, "Head", report.Head);
        foreach (var change in report.Changes) Details(md, report, change);
        Studies(md, report.Studies);
        return md.ToString();
    }

    static void Studies(StringBuilder md, IReadOnlyList<StudyChange> studies)
    {
        if (studies.Count == 0) return;
        md.Append("\n### Studies\n\n| Study | Change | File |\n|---|---|---|\n");
        foreach (var study in studies)
            md.Append("| ").Append(Code(study.Name, true)).Append(" | ").Append(StudyKind(study.Kind)).Append(" | ").Append(Code(study.Path, true)).Append(" |\n");
        foreach (var study in studies)
            md.Append("\n<details>\n<summary><code>").Append(Html(study.Name)).Append("</code>: ").Append(StudyKind(study.Kind)).Append("</summary>\n\n")
              .Append(Fenced(string.Join("\n", study.Lines), study.Kind == ChangeKind.Changed ? "diff" : "text")).Append("\n</details>\n");
    }

    static string StudyKind(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        _ => "changed",
    };

    /// <summary>An added experiment: every resolved key, and each variant or sweep point with the keys it sets differently.</summary>
    static void AddedExperiment(StringBuilder md, DeclaredExperiment experiment)
    {
        md.Append("\nResolved config:\n\n| Key | Value |\n|---|---|\n");
        foreach (var (key, value) in experiment.Keys.OrderBy(k => k.Key, StringComparer.Ordinal))
            md.Append("| ").Append(Code(key, true)).Append(" | ").Append(Value(value.Text)).Append(" |\n");
        if (experiment.Derived.Count == 0) return;
        md.Append("\nVariants and sweep points:\n\n| Name | Keys that differ |\n|---|---|\n");
        foreach (var (name, keys) in experiment.Derived.OrderBy(d => d.Key, StringComparer.Ordinal))
            md.Append("| ").Append(Code(name, true)).Append(" | ").Append(string.Join(", ", DerivedKeys(experiment, keys).Select(k => Code(k, true)))).Append(" |\n");
    }

    static IEnumerable<string> DerivedKeys(DeclaredExperiment experiment, IReadOnlyDictionary<string, KeyValue> keys) =>
        keys.Where(k => k.Key != "experiment" && experiment.Keys.GetValueOrDefault(k.Key)?.Text != k.Value.Text)
            .OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} = {k.Value.Text}");

    static void Problems(StringBuilder md, string side, RevisionState state)
    {
        if (state.Diagnostics.Count == 0) return;
        md.Append("\n**").Append(side).Append(" does not build** (")
          .Append(Count(state.Diagnostics.Count, "error")).Append(", at ").Append(Code(state.Label)).Append("):\n\n");
        md.Append(Fenced(string.Join("\n", state.Diagnostics), "text"));
    }

    static void Details(StringBuilder md, ReviewReport report, ExperimentChange change)
    {
        md.Append("\n<details>\n<summary><code>").Append(Html(change.Name)).Append("</code>: ").Append(Html(Kind(change, inTable: false)))
          .Append(Html(Headline(change))).Append("</summary>\n");
        if (change.Kind == ChangeKind.Added) md.Append("\nDeclared in ").Append(Code(change.Head!.Path)).Append(".\n");
        if (change is { Kind: ChangeKind.Added, Head: { Builds: true } added }) AddedExperiment(md, added);
        if (change.Kind == ChangeKind.Removed) md.Append("\nWas declared in ").Append(Code(change.Base!.Path)).Append(".\n");
        if (change.Base is { } b && change.Head is { } h && b.Path != h.Path)
            md.Append("\nMoved from ").Append(Code(b.Path)).Append(" to ").Append(Code(h.Path)).Append(".\n");
        if (change.Keys.Count > 0)
        {
            md.Append("\n| Key | Base | Head | Via |\n|---|---|---|---|\n");
            foreach (var key in change.Keys)
                md.Append("| ").Append(Code(key.Key, true)).Append(" | ").Append(Value(key.Base)).Append(" | ").Append(Value(key.Head))
                  .Append(" | ").Append(key.Via is null ? "" : Code(FileName(key.Via), true)).Append(" |\n");
        }
        DerivedList(md, "Variants and sweep points added", change.DerivedAdded);
        DerivedList(md, "Variants and sweep points removed", change.DerivedRemoved);
        foreach (var derived in change.DerivedChanged)
        {
            md.Append("\nKeys of ").Append(Code(derived.Name)).Append(" changed beyond the experiment's:\n\n| Key | Base | Head |\n|---|---|---|\n");
            foreach (var key in derived.Keys)
                md.Append("| ").Append(Code(key.Key, true)).Append(" | ").Append(Value(key.Base)).Append(" | ").Append(Value(key.Head)).Append(" |\n");
        }
        if (change.Runs is { } runs) Runs(md, report, runs);
        if (change.CodeDiff is { } diff)
            md.Append("\n<details>\n<summary>Generated code</summary>\n\n").Append(Fenced(diff, "diff")).Append("\n</details>\n");
        md.Append("\n</details>\n");
    }

    static void Runs(StringBuilder md, ReviewReport report, RunComparison runs)
    {
        if (runs is { Base: { } before, Head: { } after })
        {
            md.Append("\nMetrics (runs ").Append(Code(before.Folder)).Append(" → ").Append(Code(after.Folder)).Append("):\n\n");
            md.Append("| Metric | Base | Head | Δ |\n|---|---:|---:|---:|\n");
            foreach (string metric in before.Results.Keys.Union(after.Results.Keys).Order(StringComparer.Ordinal))
            {
                double? a = before.Results.TryGetValue(metric, out double x) ? x : null;
                double? c = after.Results.TryGetValue(metric, out double y) ? y : null;
                md.Append("| ").Append(Code(metric, true)).Append(" | ").Append(Number(a)).Append(" | ").Append(Number(c))
                  .Append(" | ").Append(a is { } p && c is { } q ? Signed(q - p) : "—").Append(" |\n");
            }
            return;
        }
        md.Append('\n').Append(report.ReadsRuns
            ? "No run of both sides (matched by config hash and commit) to compare metrics. To make them:"
            : "Metrics: this tool does not read run folders (`dotnet run --project experiments -- review` does). To make the runs:").Append("\n\n");
        var commands = new[] { runs.BaseCommand, runs.HeadCommand }.Where(c => c is not null);
        md.Append(Fenced(string.Join("\n", commands), "sh"));
    }

    static void DerivedList(StringBuilder md, string title, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return;
        md.Append('\n').Append(title).Append(": ").Append(string.Join(", ", names.Select(n => Code(n)))).Append('\n');
    }

    public static string Text(ReviewReport report)
    {
        var text = new StringBuilder();
        text.Append("experiment review: ").Append(report.Base.Label).Append(" -> ").Append(report.Head.Label).Append('\n');
        text.Append("resolved and emitted by ").Append(report.Generator).Append('\n');
        if (report.Changes.Count == 0) text.Append("no experiment changed\n");
        foreach (var change in report.Changes)
        {
            text.Append('\n').Append(change.Name).Append(": ").Append(Kind(change, inTable: false)).Append(Headline(change)).Append('\n');
            if (change is { Kind: ChangeKind.Added, Head: { Builds: true } added })
            {
                foreach (var (key, value) in added.Keys.OrderBy(k => k.Key, StringComparer.Ordinal))
                    text.Append("  ").Append(key).Append(" = ").Append(value.Text).Append('\n');
                foreach (var (name, keys) in added.Derived.OrderBy(d => d.Key, StringComparer.Ordinal))
                    text.Append("  + ").Append(name).Append(": ").Append(string.Join(", ", DerivedKeys(added, keys))).Append('\n');
            }
            foreach (var key in change.Keys)
                text.Append("  ").Append(key.Key).Append(": ").Append(key.Base ?? "(absent)").Append(" -> ").Append(key.Head ?? "(absent)")
                    .Append(key.Via is null ? "" : "  (via " + FileName(key.Via) + ")").Append('\n');
            foreach (string name in change.DerivedAdded) text.Append("  + ").Append(name).Append('\n');
            foreach (string name in change.DerivedRemoved) text.Append("  - ").Append(name).Append('\n');
            foreach (var derived in change.DerivedChanged)
                foreach (var key in derived.Keys)
                    text.Append("  ").Append(derived.Name).Append(' ').Append(key.Key).Append(": ").Append(key.Base ?? "(absent)")
                        .Append(" -> ").Append(key.Head ?? "(absent)").Append('\n');
            if (change.Runs is { Base: { } a, Head: { } b })
                foreach (string metric in a.Results.Keys.Intersect(b.Results.Keys).Order(StringComparer.Ordinal))
                    text.Append("  ").Append(metric).Append(": ").Append(Number(a.Results[metric])).Append(" -> ").Append(Number(b.Results[metric]))
                        .Append(" (").Append(Signed(b.Results[metric] - a.Results[metric])).Append(")\n");
        }
        foreach (var inherited in report.Inherited)
            text.Append('\n').Append(inherited.File).Append(" changed ").Append(string.Join(", ", inherited.Experiments)).Append('\n');
        foreach (var study in report.Studies)
        {
            text.Append("\nstudy ").Append(study.Name).Append(": ").Append(StudyKind(study.Kind)).Append(" (").Append(study.Path).Append(")\n");
            foreach (string line in study.Lines) text.Append("  ").Append(line).Append('\n');
        }
        foreach (var (side, state) in new[] { ("base", report.Base), ("head", report.Head) })
        {
            if (state.Diagnostics.Count == 0) continue;
            text.Append('\n').Append(side).Append(" does not build:\n");
            foreach (var diagnostic in state.Diagnostics) text.Append("  ").Append(diagnostic).Append('\n');
        }
        return text.ToString();
    }

    static string Kind(ExperimentChange change, bool inTable) => change.Kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        ChangeKind.Renamed => "renamed from " + (inTable ? Code(change.OldName!, true) : change.OldName),
        _ => "changed",
    };

    static string Headline(ExperimentChange change)
    {
        var parts = new List<string>();
        if (change.Keys.Count > 0) parts.Add(Count(change.Keys.Count, "key") + " changed");
        if (change.DerivedAdded.Count > 0) parts.Add(change.DerivedAdded.Count + " added");
        if (change.DerivedRemoved.Count > 0) parts.Add(change.DerivedRemoved.Count + " removed");
        if (change.Base is { Builds: false }) parts.Add("does not build at base");
        if (change.Head is { Builds: false }) parts.Add("does not build at head");
        return parts.Count == 0 ? "" : " — " + string.Join(", ", parts);
    }

    static string KeysSummary(ExperimentChange change)
    {
        if (change.Keys.Count == 0) return "";
        int via = change.Keys.Count(k => k.Via is not null);
        return change.Keys.Count.ToString(CultureInfo.InvariantCulture) + (via == 0 ? "" : $" ({via} via inherited)");
    }

    static string DerivedSummary(ExperimentChange change)
    {
        var parts = new List<string>();
        if (change.DerivedAdded.Count > 0) parts.Add("+" + change.DerivedAdded.Count);
        if (change.DerivedRemoved.Count > 0) parts.Add("−" + change.DerivedRemoved.Count);
        if (change.DerivedChanged.Count > 0) parts.Add(change.DerivedChanged.Count + " changed");
        return string.Join(" ", parts);
    }

    static string Builds(DeclaredExperiment? experiment) => experiment is null ? "—" : experiment.Builds ? "yes" : "**no**";

    static string Value(string? value) => value is null ? "—" : Code(value, true);

    static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    static string Number(double? value) => value switch
    {
        null => "—",
        { } v when Math.Abs(v) >= 1000 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    static string Signed(double value) => value switch
    {
        0 => "0",
        > 0 => "+" + Number(value),
        _ => "−" + Number(-value),
    };
}
