using DslRunner.Statistics;
using System.Globalization;
using System.Text;
using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Studies;

/// <summary>Renders a <see cref="StudyReport"/> as Markdown: verdict table first, then each section.</summary>
public static class StudyReportWriter
{
    public const string FileName = "report.md";

    public static string Render(StudyReport report)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(report.Title).Append("\n\n");
        md.Append(report.Summary).Append("\n\n");
        md.Append("**Scale.** ").Append(report.Scale);
        if (report.WallTime is { } wall)
            md.Append(CultureInfo.InvariantCulture, $" The study ran in {wall.TotalSeconds:F0} s.");
        md.Append("\n\n## Verdicts\n\n| claim | measured | verdict | why |\n|---|---|---|---|\n");
        foreach (var claim in report.Claims)
            md.Append("| ").Append(Cell(claim.Claim)).Append(" | ").Append(Cell(claim.Measured)).Append(" | **")
              .Append(ClaimResult.Describe(claim.Verdict)).Append("** | ").Append(Cell(claim.Reason)).Append(" |\n");
        md.Append('\n');
        foreach (var section in report.Sections)
        {
            md.Append("## ").Append(section.Heading).Append("\n\n");
            if (section.Text.Length > 0) md.Append(section.Text).Append("\n\n");
            if (section.Table is { } table) AppendTable(md, table);
            foreach (var figure in section.Figures ?? [])
                md.Append("![").Append(figure.Caption).Append("](").Append(figure.File).Append(")\n\n*")
                  .Append(figure.Caption).Append("*\n\n");
        }
        return md.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Writes report.md into <paramref name="folder"/>; returns its path.</summary>
    public static string Write(StudyReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(path, Render(report));
        return path;
    }

    static void AppendTable(StringBuilder md, StudyTable table)
    {
        md.Append("| ").Append(string.Join(" | ", table.Headers.Select(Cell))).Append(" |\n|");
        md.Append(string.Concat(table.Headers.Select((_, i) => i == 0 ? "---|" : "---:|"))).Append('\n');
        foreach (var row in table.Rows)
            md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        md.Append('\n');
    }

    static string Cell(string text) => MarkdownText.Text(text);
}
