using DslRunner.Runs;
using DslRunner.Statistics;
using DslRunner.Studies;
using DslRunner.Tests.Infrastructure;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Tests.Runs;

/// <summary>Declared text — a description, a prompt, a claim — reaches every report as text: never HTML, a link, emphasis or a broken table.</summary>
public sealed class HostileTextTests
{
    const string Hostile = "<script>alert(1)</script> | **bold** [link](http://example.com) `code` _under_ ~~gone~~ ![img](x.png) & done";

    static void AssertInert(string markdown)
    {
        Assert.DoesNotContain("<script>", markdown);
        Assert.Contains("&lt;script>alert(1)&lt;/script>", markdown);
        Assert.Contains(@"\*\*bold\*\*", markdown);
        Assert.Contains(@"\[link\](http://example.com)", markdown);
        Assert.Contains(@"\`code\`", markdown);
        Assert.Contains(@"\_under\_", markdown);
        Assert.Contains(@"\~\~gone\~\~", markdown);
        Assert.Contains(@"\!\[img\]", markdown);
        Assert.Contains(@"\| \*\*bold", markdown);
        Assert.Contains("&amp; done", markdown);
    }

    [Fact]
    public void A_runs_summary_and_report_show_a_hostile_description_and_prompt_as_text()
    {
        using var runs = new TempFolder();
        var tiny = TestExperiment.Tiny(steps: 4);
        var config = tiny with { Description = Hostile, Eval = tiny.Eval with { Prompts = ["``` fence\n# heading "] } };
        var outcome = ExperimentRunner.Run(new TestExperiment(config), runs.Path, SilentProgress.Instance);

        string summary = File.ReadAllText(Path.Combine(outcome.Folder!, "summary.md"));
        string report = File.ReadAllText(Path.Combine(outcome.Folder!, "report.md"));

        AssertInert(summary);
        AssertInert(report);
        // A sample is a fence longer than any backtick run inside it; its prompt in prose is escaped.
        Assert.Contains("````text\n``` fence\n# heading ", report);
        Assert.Contains("````text\n``` fence\n# heading ", summary);
        Assert.Contains(@"prompt \`\`\` fence # heading :", summary);
    }

    [Fact]
    public void A_study_report_shows_hostile_claim_text_as_text_in_its_tables()
    {
        var report = new StudyReport("hostile", "summary", "scale",
            [new ClaimResult(Hostile, "value = 1", Verdict.Held, "check: " + Hostile)],
            [new StudySection("Claims", "", new StudyTable(["id", "text"], [["c", Hostile]]))]);

        string markdown = StudyReportWriter.Render(report);

        AssertInert(markdown);
        // Both table rows that carry it (the verdicts and the section's table) stay one row each.
        Assert.Equal(2, markdown.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("&lt;script>", StringComparison.Ordinal)));
    }

    [Fact]
    public void Words_joined_by_underscores_keep_their_underscores_unescaped()
    {
        Assert.Equal("bits_per_byte\\[long\\] - bits_per_byte\\[short\\] &lt; 0", MarkdownText.Text("bits_per_byte[long] - bits_per_byte[short] < 0"));
    }
}
