using DslRunner.Statistics;
using DslRunner.Studies;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Studies;

public sealed class StudyReportWriterTests
{
    static readonly StudyReport Report = new(
        "Seed 000 — a hand-made report",
        "Two arms of one model.",
        "2-layer transformer; 1,000 steps.",
        [
            new ClaimResult("C ≈ 0.6", "C = 0.61", Verdict.Held, "within ±0.05"),
            new ClaimResult("C > 0.7", "C = 0.64 | arm b", Verdict.DidNotHold, "below 0.7"),
            new ClaimResult("quality kept", "loss 2.1 vs 2.0", Verdict.Inconclusive, "too few runs"),
        ],
        [
            new StudySection("Cost", "Measured on the test split.",
                new StudyTable(["arm", "loss"], [["baseline", "2.0"], ["constrained", "2.1"]])),
            new StudySection("Curves", "", Figures: [new StudyFigure("capacity.png", "capacity C")]),
        ])
    { WallTime = TimeSpan.FromSeconds(42.4) };

    [Fact]
    public void The_report_puts_verdicts_first_then_sections_tables_and_figures() =>
        Snapshot.Match(StudyReportWriter.Render(Report), "Studies/StudyReport.verified.md");

    [Fact]
    public void Write_puts_report_md_in_the_folder()
    {
        using var folder = new TempFolder();

        string path = StudyReportWriter.Write(Report, Path.Combine(folder.Path, "study"));

        Assert.Equal(Path.Combine(folder.Path, "study", "report.md"), path);
        Assert.Equal(StudyReportWriter.Render(Report), File.ReadAllText(path));
    }
}
