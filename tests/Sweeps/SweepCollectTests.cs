using DslRunner.Cli;
using DslRunner.Reports;
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
        Assert.Contains($"| test/loss | {Numbers.Format(estimate.Value)} {Numbers.IntervalText(estimate)} |", report);
        Assert.Contains("| seeds finished | 3 of 3 |", report);
        Assert.True(File.Exists(Path.Combine(sweep.Path, SweepReport.FolderName, "validation_loss.png")));
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
