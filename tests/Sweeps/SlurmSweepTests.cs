using DslRunner.Cli;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DslRunner.Tests.Sweeps;

/// <summary>
/// Sweeps on a real Slurm cluster (CI's .ci/run starts a single-node one). Without a cluster these tests are skipped
/// with the reason printed, except under CI, where a missing cluster is a failure.
/// </summary>
public sealed class SlurmSweepTests(ITestOutputHelper log)
{
    static readonly string[] Sweep = ["sweep", "tiny-gpt", "--seeds", "1,2,3,4", "--set", "train.steps=4", "--set", "train.eval_every=2", "--launcher", "slurm"];

    void RequireCluster()
    {
        var (answers, reason) = SlurmCluster.Probe();
        if (answers) return;
        Assert.False(ContinuousIntegration.IsSet, $"CI is set, so the Slurm tests must run, but no cluster answers: {reason}");
        log.WriteLine($"skipped: no Slurm cluster answers ({reason})");
        Skip.Because($"no Slurm cluster answers: {reason}");
    }

    static (int Exit, string Output) Dslrunner(params string[] arguments)
    {
        using var process = DslRunnerProcess.Start(arguments);
        DslRunnerProcess.Wait(process, TimeSpan.FromMinutes(10));
        return (process.ExitCode, DslRunnerProcess.Output(process));
    }

    [SkippableFact]
    public void A_job_array_runs_every_point_into_the_runs_root_collects_and_a_second_submission_runs_only_unfinished_points()
    {
        RequireCluster();
        using var runs = new TempFolder();

        var (exit, output) = Dslrunner([.. Sweep, "--wait", "--runs", runs.Path]);
        log.WriteLine(output);

        Assert.True(exit == ExitCodes.Ok, output);
        Assert.Matches(@"submitted job array \d+ \(4 tasks: tiny-gpt seed=1, tiny-gpt seed=2, tiny-gpt seed=3, tiny-gpt seed=4\)", output);
        Assert.Matches(@"tiny-gpt seed=4\s+\d\.\d{4}", output);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        var plan = sweep.ReadPlan();
        var status = SweepCli.Run("sweep", "status", sweep.Path);
        Assert.Contains("4 finished", status.Output);
        Assert.Matches(@"tiny-gpt seed=2\s+finished\s+\S+tiny-gpt/\d{8}-\d{6}", status.Output);
        var collected = SweepCli.Run("sweep", "collect", sweep.Path);
        log.WriteLine(collected.Output);
        Assert.True(collected.Exit == ExitCodes.Ok, collected.Error);
        Assert.Matches(@"tiny-gpt  4/4    \d\.\d+ \[\d\.\d+, \d\.\d+\]", collected.Output);
        Assert.Contains("| tiny-gpt | 4 of 4 |", File.ReadAllText(Path.Combine(sweep.Path, "collect", "report.md")));

        // Point 3's run is lost: the same command submits it alone.
        Directory.Delete(sweep.RunFolderOf(plan.Points[3])!, recursive: true);
        var (again, againOutput) = Dslrunner([.. Sweep, "--wait", "--runs", runs.Path]);
        log.WriteLine(againOutput);

        Assert.True(again == ExitCodes.Ok, againOutput);
        Assert.Contains($"resuming sweep {sweep.Path}: 3 finished, 0 running, 1 to run", againOutput);
        Assert.Matches(@"submitted job array \d+ \(1 tasks: tiny-gpt seed=4\)", againOutput);
        Assert.Equal(PointPhase.Finished, PointState.ReadAll(sweep, plan)[3].Phase);
    }

    [Fact]
    public void Emit_writes_the_sbatch_script_next_to_the_plan_and_submits_nothing()
    {
        using var runs = new TempFolder();

        var (exit, output, error) = SweepCli.Run([.. Sweep, "--partition", "debug", "--time", "00:10:00", "--mem", "1G", "--emit", "--runs", runs.Path]);

        Assert.True(exit == ExitCodes.Ok, error);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        string script = File.ReadAllText(Path.Combine(sweep.Path, "sweep.sbatch"));
        Assert.Contains("nothing submitted", output);
        Assert.Contains("#SBATCH --array=0,1,2,3\n", script);
        Assert.Contains("#SBATCH --partition=debug\n#SBATCH --time=00:10:00\n#SBATCH --cpus-per-task=1\n#SBATCH --mem=1G\n", script);
        Assert.Contains($"#SBATCH --output={sweep.LogsFolder}/slurm-%A_%a.log\n", script);
        Assert.Contains($"'sweep' 'point' '{sweep.Path}' '--index' \"$SLURM_ARRAY_TASK_ID\"\n", script);
        Assert.False(File.Exists(Path.Combine(sweep.Path, SlurmSubmissions.FileName)));
    }

    [Fact]
    public void Slurm_options_without_the_slurm_launcher_are_refused()
    {
        var (exit, _, error) = SweepCli.Run("sweep", "tiny-gpt", "--partition", "debug", "--dry-run");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--partition applies to --launcher slurm only", error);
    }
}
