using System.Text.RegularExpressions;
using DslRunner.Cli;
using DslRunner.Experiments;
using DslRunner.Runs;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Sweeps;

public sealed class SweepPlanTests
{
    [Fact]
    public void Dry_run_prints_every_point_with_its_seed_overrides_hash_and_cost_and_trains_nothing()
    {
        using var runs = new TempFolder();

        var (exit, output, error) = SweepCli.Run("sweep", "tiny-gpt", "--seeds", "1,2,3", "--set", "train.steps=10", "--dry-run", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        // Config hashes change whenever a config record does; the snapshot pins the table, a test below pins the hashes.
        Snapshot.Match(Regex.Replace(output.Replace(runs.Path, "<runs>"), @"\b[0-9a-f]{12}\b", "<hash>"), "Sweeps/tiny-gpt-seeds.dry-run.verified.txt");
        var plan = SweepPlanner.Plan(new SweepSpec("tiny-gpt", ["train.steps=10"], [1, 2, 3], LauncherSettings.InProcess),
            [.. new[] { 1, 2, 3 }.Select(seed => new PointRequest("tiny-gpt", "tiny-gpt", ["train.steps=10"], seed))], ExperimentRegistry.All, runs.Path);
        Assert.All(plan.Points, p => Assert.Contains($"{p.Label}  {p.Seed}     1        {p.ConfigHash[..12]}  ", output));
        Assert.All(plan.Points, p => Assert.Equal(RunManifest.HashConfig(p.Config), p.ConfigHash));
        Assert.False(Directory.Exists(Path.Combine(runs.Path, "tiny-gpt")));
        Assert.Empty(Directory.GetFiles(runs.Path, SweepPlan.FileName, SearchOption.AllDirectories));
    }

    [Fact]
    public void Replicates_are_the_declared_seed_and_the_ones_after_it()
    {
        using var runs = new TempFolder();

        var (_, output, _) = SweepCli.Run("sweep", "tiny-gpt", "--replicates", "2", "--dry-run", "--runs", runs.Path);

        Assert.Contains("tiny-gpt seed=42  42", output);
        Assert.Contains("tiny-gpt seed=43  43", output);
        Assert.Contains("seed=43\n", output);
    }

    [Theory]
    [InlineData("--seeds", "1,x", "--seeds expects integers separated by commas, e.g. 1,2,3; found 'x'")]
    [InlineData("--seeds", "1,1", "--seeds expects one or more distinct integers")]
    [InlineData("--replicates", "0", "--replicates expects a count of 1 or more")]
    [InlineData("--jobs", "0", "--jobs expects a number of processes of 1 or more")]
    [InlineData("--set", "model.d_model=abc", "'model.d_model' expects an integer, found 'abc' (DSL0004)")]
    public void Bad_options_are_refused_with_what_was_expected(string option, string value, string message)
    {
        using var runs = new TempFolder();

        var (exit, _, error) = SweepCli.Run("sweep", "tiny-gpt", option, value, "--dry-run", "--runs", runs.Path);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void The_same_command_finds_its_sweep_again_and_other_seeds_make_a_new_one()
    {
        using var runs = new TempFolder();
        string[] command = ["sweep", "tiny-gpt", "--seeds", "1", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path];

        var first = SweepCli.Run(command);
        var again = SweepCli.Run(command);
        var other = SweepCli.Run([.. command[..3], "2", .. command[4..], "--dry-run"]);

        Assert.True(first.Exit == ExitCodes.Ok, first.Error);
        Assert.StartsWith("new sweep ", first.Output);
        Assert.Contains(": 1 finished, 0 running, 0 to run", again.Output);
        Assert.Single(Directory.GetDirectories(Path.Combine(runs.Path, "tiny-gpt")));
        Assert.Matches(@"^new sweep .*; the overrides, seeds or launcher differ from the existing tiny-gpt-[0-9a-f]{12}", other.Output);
    }

    [Fact]
    public void A_changed_declaration_is_refused_point_by_point_and_force_replans_keeping_unchanged_runs()
    {
        using var runs = new TempFolder();
        string[] command = ["sweep", "tiny-gpt", "--seeds", "1,2", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path];
        Assert.Equal(ExitCodes.Ok, SweepCli.Run(command).Exit);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        // The plan as it would have been saved before the declaration said batch 8: seed 2's point had batch 4.
        var saved = sweep.ReadPlan();
        var old = saved.Points[1];
        var oldConfig = old.Config with { Train = old.Config.Train with { Batch = 4 } };
        (saved with { Points = [saved.Points[0], old with { Config = oldConfig, ConfigHash = RunManifest.HashConfig(oldConfig) }] }).Write(sweep.Path);

        var refused = SweepCli.Run(command);
        var forced = SweepCli.Run([.. command, "--force"]);

        Assert.Equal(ExitCodes.Failed, refused.Exit);
        Assert.Contains("the declaration changed since the plan", refused.Error);
        Assert.Contains("  tiny-gpt seed=2: train.batch 4 → 8\n", refused.Error);
        Assert.DoesNotContain("seed=1:", refused.Error);
        Assert.True(forced.Exit == ExitCodes.Ok, forced.Error);
        Assert.Contains("replanning", forced.Output);
        // Both points' configs are the ones already run: no new run folder.
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(runs.Path, "tiny-gpt")).Length);
        Assert.Equal(RunManifest.HashConfig(sweep.ReadPlan().Points[1].Config), sweep.ReadPlan().Points[1].ConfigHash);
    }

    [Fact]
    public void Points_run_in_one_process_leave_no_tensors_behind()
    {
        using var runs = new TempFolder();
        var spec = new SweepSpec("tiny-gpt", ["train.steps=4", "train.eval_every=2"], [1, 2, 3, 4, 5], LauncherSettings.InProcess);
        var requests = spec.Seeds.Select(seed => new PointRequest("tiny-gpt", "tiny-gpt", spec.Overrides, seed)).ToList();
        var plan = SweepPlanner.Plan(spec, requests, ExperimentRegistry.All, runs.Path);
        var sweep = SweepFolder.For(runs.Path, plan);
        plan.Write(sweep.Path);
        var live = new List<long>();
        var launcher = new InProcessLauncher(ExperimentRegistry.All, TextWriter.Null, body => body(new ConsoleProgress(TextWriter.Null)))
        {
            AfterPoint = (_, count) => live.Add(count),
        };

        var launches = launcher.Launch(sweep, plan.Points);

        Assert.All(launches, l => Assert.True(l.Succeeded, l.Error));
        Assert.InRange(live[^1], live[0] - 2, live[0] + 2);
    }
}
