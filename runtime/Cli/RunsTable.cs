using DslRunner.Statistics;
using System.Globalization;
using System.Text;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Sweeps;

namespace DslRunner.Cli;

/// <summary>
/// <c>runs ls</c> as a table: each run's id, status, seed, start (UTC) and duration, the overrides it applied, and its final metrics (the
/// headline ones, and any metric a --where or --sort names); plain text or Markdown.
/// </summary>
public static class RunsTable
{
    static readonly string[] Fixed = ["experiment", "status", "seed", "started", "duration", "name", "tags"];

    public static string Render(IReadOnlyList<ListedRun> runs, IEnumerable<string> namedKeys, bool markdown)
    {
        var keys = SweepTable.Columns.Where(c => !MetricsComparison.IsTiming(c))
            .Concat(namedKeys.Select(k => k.TrimStart('-')).Where(k => !Fixed.Contains(k)))
            .Distinct().Where(k => runs.Any(r => r.Value(k) is not null)).ToList();
        // A run's name and tags get columns only when some listed run has them.
        string[] labels = [.. new[] { "name", "tags" }.Where(k => runs.Any(r => r.Value(k) is not null))];
        var rows = new List<string[]> { (string[])["run", .. labels, "status", "seed", "started (UTC)", "duration", "overrides", .. keys] };
        foreach (var run in runs)
            rows.Add([run.Id, .. labels.Select(k => run.Value(k) ?? "—"), run.Manifest.Status, run.Manifest.Seed.ToString(CultureInfo.InvariantCulture),
                run.Manifest.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), DurationText(run.Duration),
                run.Manifest.Overrides.Count == 0 ? "—" : string.Join(' ', run.Manifest.Overrides),
                .. keys.Select(k => Cell(run.Value(k)))]);
        if (!markdown) return SweepPlanTable.Align(rows) + Count(runs.Count) + "\n";
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", rows[0]).Append(" |\n|").Append(string.Concat(rows[0].Select((_, i) => i >= 6 + labels.Length ? "---:|" : "---|"))).Append('\n');
        foreach (var row in rows.Skip(1)) text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|"))).Append(" |\n");
        return text.Append('\n').Append(Count(runs.Count)).Append('\n').ToString();
    }

    static string DurationText(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalHours: >= 1 } d => $"{(int)d.TotalHours}h {d.Minutes:00}m",
        { TotalMinutes: >= 1 } d => $"{(int)d.TotalMinutes}m {d.Seconds:00}s",
        { } d => d.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s",
    };

    static string Count(int runs) => runs == 1 ? "1 run" : $"{runs} runs";

    static string Cell(string? value) =>
        value is null ? "—"
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? Numbers.Format(number)
        : value;
}
