using System.Text.RegularExpressions;
using DslRunner.Runs;
using DslRunner.Statistics;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Runs;

/// <summary>summary.md: the model's and budget's figures apart from the test measurements, rounded as report.md rounds them.</summary>
public sealed class RunSummaryTests
{
    [Fact]
    public void The_summary_labels_model_and_budget_figures_apart_and_rounds_every_value_as_the_report_does()
    {
        using var runs = new TempFolder();
        var outcome = ExperimentRunner.Run(DslRunner.Experiments.ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-gpt"), runs.Path, SilentProgress.Instance);
        string summary = File.ReadAllText(Path.Combine(outcome.Folder!, "summary.md"));
        string report = File.ReadAllText(Path.Combine(outcome.Folder!, "report.md"));
        var manifest = RunManifest.Read(outcome.Folder!);

        Assert.Matches(@"- Model and budget: .*parameters 14,944, .*tokens_seen 5,120, training_flops 459,079,680\n", summary);
        Assert.DoesNotContain("Test parameters", summary);
        Assert.DoesNotContain("Test tokens_seen", summary);
        Assert.DoesNotContain("Test training_flops", summary);
        foreach (string metric in new[] { "loss", "perplexity", "capacity" })
        {
            string formatted = Numbers.Format(manifest.Results["test/" + metric]);
            Assert.Contains($"- Test {metric}: {formatted}\n", summary);
            Assert.Matches($@"\| test/{Regex.Escape(metric)} \| {Regex.Escape(formatted)} \|", report);
        }
    }
}
