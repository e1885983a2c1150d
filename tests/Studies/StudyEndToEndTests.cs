using DslRunner.Cli;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Studies;

public sealed class StudyEndToEndTests
{
    public StudyEndToEndTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void The_logit_mean_study_at_a_tiny_budget_writes_a_report_with_its_verdict_and_plots()
    {
        using var folder = new TempFolder();
        var context = new StudyContext(Path.Combine(folder.Path, "seed000-logit-mean"), SilentProgress.Instance,
            new StudyBudget(MaxSteps: 6, MaxTokens: 12_000));

        var report = new LogitMeanStudy().Run(context);
        string path = StudyReportWriter.Write(report, context.Folder);

        var claim = Assert.Single(report.Claims);
        Assert.Contains("over 6 validations", claim.Measured);
        string markdown = File.ReadAllText(path);
        Assert.Contains("## Verdicts", markdown);
        Assert.Contains("6 steps of 16 sequences", report.Scale);
        foreach (string plot in new[] { "over_training.png", "logit_mean_vs_loss.png" })
        {
            Assert.Contains($"]({plot})", markdown);
            Assert.True(new FileInfo(Path.Combine(context.Folder, plot)).Length > 1000, $"{plot} is missing or empty");
        }
        string run = Assert.Single(Directory.GetDirectories(Path.Combine(context.RunsRoot, Seed000LogitMean.Name)));
        Assert.Equal("finished", RunManifest.Read(run).Status);
    }
}
