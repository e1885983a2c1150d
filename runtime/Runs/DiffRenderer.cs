using System.Globalization;
using System.Text;

namespace DslRunner.Runs;

/// <summary>Renders an <see cref="ExperimentDiff"/> for a terminal or as Markdown for a pull request.</summary>
public static class DiffRenderer
{
    public static string Markdown(ExperimentDiff diff)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"### `{diff.Left.Label}` → `{diff.Right.Label}`\n\n");
        if (diff.Config.Count == 0) md.Append("No configuration differences.\n");
        else
        {
            md.Append("| Key | ").Append(Cell(diff.Left.Label)).Append(" | ").Append(Cell(diff.Right.Label)).Append(" |\n");
            md.Append("|---|---|---|\n");
            foreach (var change in diff.Config)
                md.Append("| `").Append(change.Path).Append("` | ").Append(Cell(change.Left ?? "—")).Append(" | ").Append(Cell(change.Right ?? "—")).Append(" |\n");
        }
        if (diff.TokenizerWarning is { } tokenizers) md.Append("\n> **Warning:** ").Append(tokenizers).Append(".\n");
        MetricTable(md, diff, diff.Metrics.Where(m => !MetricsComparison.IsTiming(m.Metric)).ToList(), heading: null);
        MetricTable(md, diff, diff.Metrics.Where(m => MetricsComparison.IsTiming(m.Metric)).ToList(), TimingHeading);
        return md.ToString();
    }

    /// <summary>Heads the clock-based figures, which differ from run to run and machine to machine.</summary>
    public const string TimingHeading = "#### Timing (machine-dependent)";

    static void MetricTable(StringBuilder md, ExperimentDiff diff, IReadOnlyList<MetricDelta> metrics, string? heading)
    {
        if (metrics.Count == 0) return;
        md.Append('\n');
        if (heading is not null) md.Append(heading).Append("\n\n");
        md.Append("| Metric | ").Append(Cell(diff.Left.Label)).Append(" | ").Append(Cell(diff.Right.Label)).Append(" | Δ |\n");
        md.Append("|---|---:|---:|---:|\n");
        foreach (var metric in metrics)
            md.Append("| ").Append(Cell(metric.Metric)).Append(" | ").Append(Number(metric.Left)).Append(" | ")
              .Append(Number(metric.Right)).Append(" | ").Append(Signed(metric.Delta)).Append(" |\n");
    }

    public static string Text(ExperimentDiff diff)
    {
        var rows = new List<string[]> { new[] { "key", diff.Left.Label, diff.Right.Label } };
        rows.AddRange(diff.Config.Select(c => new[] { c.Path, c.Left ?? "-", c.Right ?? "-" }));
        var text = new StringBuilder();
        text.Append(diff.Config.Count == 0 ? "no configuration differences\n" : Table(rows));
        if (diff.Metrics.Count > 0)
        {
            var metricRows = new List<string[]> { new[] { "metric", diff.Left.Label, diff.Right.Label, "delta" } };
            metricRows.AddRange(diff.Metrics.Select(m => new[] { m.Metric, Number(m.Left), Number(m.Right), Signed(m.Delta) }));
            text.Append('\n').Append(Table(metricRows));
            if (diff.TokenizerWarning is { } tokenizers) text.Append("warning: ").Append(tokenizers).Append('\n');
        }
        return text.ToString();
    }

    static string Table(List<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        return text.ToString();
    }

    static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    static string Number(double? value) => value is { } v ? Format(v) : "—";

    static string Signed(double? value) => value switch
    {
        null => "—",
        0 => "0",
        > 0 => "+" + Format(value.Value),
        _ => "−" + Format(-value.Value),
    };

    static string Format(double value) =>
        Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
}
