using System.Globalization;
using System.Text;
using DslRunner.Runs;
using DslRunner.Statistics;
using DslRunner.RunFiles;

namespace DslRunner.Sweeps;

/// <summary>report.md of a collected sweep: per group, each final metric's mean over seeds with its interval, and a plot.</summary>
public static class SweepReport
{
    public const string FolderName = "collect";
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes <c>collect/report.md</c> and <c>collect/validation_loss.png</c> in the sweep folder; returns the report's path.</summary>
    public static string Write(SweepFolder sweep, SweepCollection collection, string? rank = null)
    {
        string target = Path.Combine(sweep.Path, FolderName);
        Directory.CreateDirectory(target);
        var plan = collection.Plan;
        var groups = collection.Groups.Where(g => g.Runs.Count > 0).ToList();

        var md = new StringBuilder();
        md.Append(Invariant, $"# Sweep {plan.Name} — {Path.GetFileName(sweep.Path)}\n\n");
        md.Append(Invariant, $"{plan.Points.Count} points in {collection.Groups.Count} group(s); seeds {(plan.Seeds.Count == 0 ? "as declared" : string.Join(", ", plan.Seeds))}; ");
        md.Append(Invariant, $"overrides {(plan.Overrides.Count == 0 ? "none" : string.Join(", ", plan.Overrides.Select(o => $"`{o}`")))}; launcher {plan.Launcher.Identity}.\n\n");
        md.Append(Invariant, $"Each figure is the {SweepCollection.Statistic}.\n\n");

        Plots.Lines(Path.Combine(target, "validation_loss.png"), "validation loss (mean over seeds)", "nats per token", groups.Select(MeanValidationLoss));
        md.Append("![validation loss](validation_loss.png)\n\n");

        // One row per point; a metric with one value in every run is stated once above the table.
        var compared = collection.Compared;
        var ranked = collection.Ranked(rank).Where(g => g.Runs.Count > 0).ToList();
        md.Append("## Results\n\n");
        if (rank is not null) md.Append(Invariant, $"Ranked by {rank.TrimStart('-')}, {(rank.StartsWith('-') ? "highest" : "lowest")} first.\n\n");
        if (collection.Constants.Count > 0)
            md.Append("The same in every run: ").AppendJoin(", ", collection.Constants.Select(c => $"{c.Key} {Numbers.Format(c.Value)}")).Append(".\n\n");
        md.Append("| point | seeds finished | ").AppendJoin(" | ", compared).Append(" |\n|---|---|").Append(string.Concat(compared.Select(_ => "---:|"))).Append('\n');
        foreach (var g in ranked)
            md.Append("| ").Append(g.Group).Append(" | ").Append(Invariant, $"{g.Seeds.Count} of {g.Planned}").Append(" | ")
              .AppendJoin(" | ", compared.Select(metric => g.Metrics.TryGetValue(metric, out var e) ? Cell(e) : "—")).Append(" |\n");

        if (plan.Merged.Count > 0)
            md.Append("\nPlanned once: ").AppendJoin("; ", plan.Merged.Select(m => $"{MarkdownText.Text(m.Label)} is {MarkdownText.Text(m.SameAs)}")).Append(" (the same config but for the name).\n");

        if (collection.Unfinished.Count > 0)
        {
            md.Append("\n## Not finished (left out)\n\n| point | state | detail |\n|---|---|---|\n");
            foreach (var state in collection.Unfinished)
                md.Append(Invariant, $"| {state.Point.Label} | {state.Phase.ToString().ToLowerInvariant()} | {(state.Detail ?? "—").ReplaceLineEndings(" ").Replace("|", "\\|")} |\n");
        }

        md.Append("\n## Runs\n\n| group | seed | run |\n|---|---:|---|\n");
        foreach (var group in groups)
            foreach (var (seed, run) in group.Seeds.Zip(group.Runs))
                md.Append(Invariant, $"| {group.Group} | {seed} | {Path.GetRelativePath(sweep.RunsRoot, run)} |\n");

        var firstOfGroup = collection.Groups.Select(g => plan.Points.First(p => p.Group == g.Group)).ToList();
        if (firstOfGroup.Count > 1)
        {
            md.Append("\n## Configuration: keys that differ between groups\n");
            RunReport.AppendChangedKeys(md, [.. firstOfGroup.Select(p => (p.Group, p.Config with { Seed = 0 }))]);
        }

        string path = Path.Combine(target, RunReport.FileName);
        AtomicFile.WriteAllText(path, md.ToString());
        return path;
    }

    /// <summary>A mean with its interval, as one cell.</summary>
    public static string Cell(Estimate e) => e.Interval is { IsBounded: true, Width: 0 } ? Numbers.Format(e.Value) : $"{Numbers.Format(e.Value)} {Numbers.IntervalText(e)}";

    static (string Name, double[] Steps, double[] Values) MeanValidationLoss(GroupSummary group)
    {
        var series = group.Runs.Select(run => MetricsLog.Read(Path.Combine(run, RunFileNames.Metrics)))
            .Select(m => (Steps: RunReport.Steps(m, "validation", "loss"), Values: RunReport.Values(m, "validation", "loss"))).ToList();
        var steps = series.Select(s => s.Steps).MinBy(s => s.Length) ?? [];
        return (group.Group, steps, [.. Enumerable.Range(0, steps.Length).Select(i => series.Average(s => s.Values[i]))]);
    }
}
