using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Statistics;
using DslRunner.Studies;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Sweeps;

public sealed class SweepCollectTests
{
    static readonly string[] TinySweep = ["sweep", "tiny-gpt", "--seeds", "1,2,3", "--set", "train.steps=4", "--set", "train.eval_every=2"];

    [Fact]
    public void Collect_prints_each_group_as_means_with_t_intervals_over_seeds_and_writes_the_report()
    {
        using var runs = new TempFolder();
        Assert.Equal(ExitCodes.Ok, SweepCli.Run([.. TinySweep, "--runs", runs.Path]).Exit);

        var (exit, output, error) = SweepCli.Run("sweep", "collect", "tiny-gpt", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        Snapshot.Match(output.Replace(sweep.Path, "<sweep>"), "Sweeps/tiny-gpt-seeds.collect.verified.txt");
        // The cell is the statistics module's mean and interval over the three runs' recorded results.
        var losses = sweep.ReadPlan().Points.Select(p => RunManifest.Read(sweep.RunFolderOf(p)!).Results["test/loss"]).ToList();
        var estimate = SeedStatistics.Mean(losses);
        Assert.Equal(3, estimate.Count);
        Assert.True(estimate.Interval.IsBounded);
        Assert.Contains(SweepReport.Cell(estimate), output);
        string report = File.ReadAllText(Path.Combine(sweep.Path, SweepReport.FolderName, RunReport.FileName));
        Assert.Contains("Each figure is the mean over the finished seeds with its 95 % interval, Student's t", report);
        Assert.Contains($"| tiny-gpt | 3 of 3 | ", report); // one row per point
        Assert.Contains($" {Numbers.Format(estimate.Value)} {Numbers.IntervalText(estimate)} |", report);
        // Figures no seed changes are stated once, not given intervals of zero width.
        Assert.Contains("The same in every run: ", report);
        Assert.DoesNotContain("[1,024, 1,024]", report);
        Assert.True(File.Exists(Path.Combine(sweep.Path, SweepReport.FolderName, "validation_loss.png")));
    }

    [Fact]
    public void Collect_ranks_points_by_a_chosen_metric_and_refuses_one_no_run_recorded()
    {
        using var runs = new TempFolder();
        using (var sweepProcess = DslRunnerProcess.Start("sweep", "tiny-models", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path))
        {
            DslRunnerProcess.Wait(sweepProcess);
            Assert.True(sweepProcess.ExitCode == ExitCodes.Ok, DslRunnerProcess.Output(sweepProcess));
        }
        var sweep = SweepFolder.Find("tiny-models", runs.Path)!;
        var losses = SweepCollection.Of(sweep).Groups.ToDictionary(g => g.Group, g => g.Metrics["test/loss"].Value);

        var lowest = SweepCli.Run("sweep", "collect", sweep.Path, "--rank", "test/loss");
        string lowestReport = File.ReadAllText(Path.Combine(sweep.Path, SweepReport.FolderName, RunReport.FileName));
        var highest = SweepCli.Run("sweep", "collect", sweep.Path, "--rank", "-test/loss");
        var unknown = SweepCli.Run("sweep", "collect", sweep.Path, "--rank", "test/los");

        Assert.True(losses.Values.Distinct().Count() >= 2);
        var ascending = Rows(lowest.Output, losses.Keys).Select(g => losses[g]).ToList();
        Assert.Equal(ascending.Order(), ascending);
        Assert.Contains("ranked by test/loss, lowest first", lowest.Output);
        Assert.Contains("Ranked by test/loss, lowest first.", lowestReport);
        var descending = Rows(highest.Output, losses.Keys).Select(g => losses[g]).ToList();
        Assert.Equal(descending.OrderDescending(), descending);
        Assert.Equal(ExitCodes.Usage, unknown.Exit);
        Assert.Contains("--rank: no finished run recorded 'test/los'; did you mean 'test/loss'?", unknown.Error);
    }

    /// <summary>The groups in the order their rows appear in <paramref name="output"/>.</summary>
    static List<string> Rows(string output, IEnumerable<string> groups) =>
        [.. groups.OrderBy(g => output.IndexOf("\n" + g + " ", StringComparison.Ordinal))];

    [Fact]
    public void An_interval_never_leaves_the_range_its_metric_can_take()
    {
        var rate = new Estimate(0.0375, new Interval(-0.439, 0.514), 3, 0.2, 0.95, IntervalMethod.T);
        var loss = new Estimate(0.1, new Interval(-0.2, 0.4), 3, 0.1, 0.95, IntervalMethod.T);

        Assert.Equal(new Interval(0, 0.514), MetricRange.Clip("test/decode/greedy/repetition_rate", rate).Interval);
        Assert.Equal(new Interval(0, 0.4), MetricRange.Clip("validation/loss", loss).Interval);
        Assert.Equal(new Interval(-0.439, 0.514), MetricRange.Clip("test/some_metric", rate).Interval);
        Assert.Equal(1, MetricRange.Of("test/decode/beam/perplexity").Low);
    }

    [Fact]
    public void A_built_in_figure_has_the_range_its_measure_declares()
    {
        var share = new Estimate(0.9, new Interval(0.7, 1.1), 3, 0.1, 0.95, IntervalMethod.T);

        Assert.Equal(new Interval(0.7, 1), MetricRange.Clip("validation/top1_accuracy", share).Interval);
        Assert.Equal((0, double.PositiveInfinity), MetricRange.Of("test/training_flops"));
        Assert.Equal((0, 1), MetricRange.Of("test/sparsity"));
    }

    [Fact]
    public void Collect_leaves_out_unfinished_points_says_which_and_fails_when_nothing_finished()
    {
        using var runs = new TempFolder();
        string[] sweepCommand = ["sweep", "tiny-gpt", "--seeds", "1,2", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path];
        Assert.Equal(ExitCodes.Ok, SweepCli.Run(sweepCommand).Exit);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        var plan = sweep.ReadPlan();
        Directory.Delete(sweep.RunFolderOf(plan.Points[1])!, recursive: true);

        var partial = SweepCli.Run("sweep", "collect", sweep.Path);
        Directory.Delete(sweep.RunFolderOf(plan.Points[0])!, recursive: true);
        var none = SweepCli.Run("sweep", "collect", sweep.Path);

        Assert.Equal(ExitCodes.Failed, partial.Exit);
        Assert.Matches(@"tiny-gpt  1/2    \d\.\d+ \[no interval\]", partial.Output);
        Assert.Contains("not finished, left out: tiny-gpt seed=2 (planned)", partial.Output);
        Assert.Contains("| tiny-gpt seed=2 | planned |", File.ReadAllText(Path.Combine(sweep.Path, SweepReport.FolderName, RunReport.FileName)));
        Assert.Equal(ExitCodes.Failed, none.Exit);
        Assert.Contains($"error: no point of {sweep.Path} has finished yet", none.Error);
    }
}
