using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DslRunner.Cli;
using DslRunner.Experiments;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Tests.Runs;

/// <summary>
/// The pinned experiments (experiments/pinned/) run for seconds; their metrics and samples are snapshots, so a
/// change to any model, loss or decoder shows up in a pull request as a readable diff of these files.
/// </summary>
public sealed class PinnedRunTests : IDeclaresSnapshots
{
    static readonly string PinnedFolder = Path.Combine(Snapshot.RepositoryRoot(), "experiments", "pinned");

    public static TheoryData<string> Pinned() => [.. PinnedNames()];

    /// <summary>The experiments declared in experiments/pinned/ (abstract bases aside), by name.</summary>
    static IEnumerable<string> PinnedNames() =>
        Directory.GetFiles(PinnedFolder, "*.experiment.yaml").Order(StringComparer.Ordinal)
            .Select(File.ReadAllLines)
            .Where(lines => !lines.Any(line => line.Trim() == "abstract: true"))
            .Select(lines => lines.First(line => line.StartsWith("experiment:", StringComparison.Ordinal))["experiment:".Length..].Trim());

    public static IEnumerable<string> SnapshotNames() => PinnedNames().Select(RunSnapshot);

    static string RunSnapshot(string name) => $"Runs/{name}.run.txt";

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Metrics_and_samples_of_a_pinned_experiment_match_their_snapshot(string name)
    {
        var experiment = ExperimentRegistry.All.Single(e => e.Config.Name == name);

        var outcome = ExperimentRunner.Run(experiment, runsRoot: null, SilentProgress.Instance);

        Snapshot.Match(Render(outcome), RunSnapshot(name));
    }

    [Fact]
    public void Markdown_diff_of_two_pinned_runs_matches_its_snapshot()
    {
        using var runs = new TempFolder();
        foreach (string name in new[] { "tiny-gpt", "tiny-capacity" })
            Assert.Equal(ExitCodes.Ok, DslRunnerCli.Run(["run", name, "--runs", runs.Path], ExperimentRegistry.All, TextWriter.Null, TextWriter.Null));
        var output = new StringWriter();

        int exit = DslRunnerCli.Run(["diff", "tiny-gpt/latest", "tiny-capacity/latest", "--markdown", "--runs", runs.Path], ExperimentRegistry.All, output, TextWriter.Null);

        Assert.Equal(ExitCodes.Ok, exit);
        Snapshot.Match(WithoutRunIdsAndTimings(output.ToString()), "Runs/tiny-gpt_vs_tiny-capacity.diff.md");
    }

    /// <summary>Every deterministic metric (4 decimals) and every sample; clock-based figures are left out.</summary>
    static string Render(RunOutcome outcome)
    {
        var text = new StringBuilder(RenderMetrics(outcome.Metrics));
        foreach (var sample in outcome.Evaluation.Samples)
            text.Append(CultureInfo.InvariantCulture, $"[{sample.Title}] {sample.Prompt}{sample.Text}\n");
        return text.ToString();
    }

    /// <summary>Every deterministic metric, 4 decimals, one line per record.</summary>
    internal static string RenderMetrics(IEnumerable<MetricsRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(CultureInfo.InvariantCulture, $"{record.Step,3} {record.Split,-10}");
            foreach (var (metric, value) in record.Values.Where(v => !MetricsComparison.IsTiming(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal))
                text.Append(CultureInfo.InvariantCulture, $" {metric}={value:0.####}");
            text.Append('\n');
        }
        return text.ToString();
    }

    static string WithoutRunIdsAndTimings(string markdown)
    {
        int timing = markdown.IndexOf(DiffRenderer.TimingHeading, StringComparison.Ordinal);
        Assert.True(timing > 0, "the diff has no timing section");
        return Regex.Replace(markdown[..timing], @"/\d{8}-\d{6}(-\d+)?", "/<run>");
    }
}
