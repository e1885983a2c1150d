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

    void RequireCluster() => RequireCluster(log);

    /// <summary>Skips the test when no cluster answers, except under CI, where that fails it.</summary>
    internal static void RequireCluster(ITestOutputHelper log)
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

        var (exit, output, error) = SweepCli.Run([.. Sweep, "--partition", "debug", "--time", "00:10:00", "--mem", "1G", "--max-parallel", "2",
            "--max-requeues", "5", "--warn-seconds", "300", "--emit", "--runs", runs.Path]);

        Assert.True(exit == ExitCodes.Ok, error);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        string script = File.ReadAllText(Path.Combine(sweep.Path, "sweep.sbatch"));
        Assert.Contains("nothing submitted", output);
        Assert.Contains("#SBATCH --array=0,1,2,3%2\n", script);
        Assert.Contains("#SBATCH --open-mode=append\n", script);
        Assert.Contains("#SBATCH --requeue\n#SBATCH --signal=B:USR1@300\n", script);
        Assert.Contains("max_requeues=5\n", script);
        Assert.Contains("if [ \"$status\" -eq 75 ] && [ \"$warned\" -eq 1 ]; then\n", script);   // the program's interrupted exit
        Assert.Contains("#SBATCH --partition=debug\n#SBATCH --time=00:10:00\n#SBATCH --cpus-per-task=1\n#SBATCH --mem=1G\n", script);
        Assert.Contains($"#SBATCH --output={sweep.LogsFolder}/slurm-%A_%a.log\n", script);
        Assert.Contains($"'sweep' 'point' '{sweep.Path}' '--index' \"$SLURM_ARRAY_TASK_ID\" &\n", script);
        Assert.False(File.Exists(Path.Combine(sweep.Path, SlurmSubmissions.FileName)));
    }

    [Fact]
    public void Without_the_options_a_task_may_requeue_itself_three_times_and_is_warned_two_minutes_before_its_limit()
    {
        using var runs = new TempFolder();

        var (exit, _, error) = SweepCli.Run([.. Sweep, "--emit", "--runs", runs.Path]);

        Assert.True(exit == ExitCodes.Ok, error);
        string script = File.ReadAllText(Path.Combine(SweepFolder.Find("tiny-gpt", runs.Path)!.Path, "sweep.sbatch"));
        Assert.Contains("#SBATCH --array=0,1,2,3\n", script);
        Assert.Contains("#SBATCH --signal=B:USR1@120\n", script);
        Assert.Contains("max_requeues=3\n", script);
    }

    [Theory]
    [InlineData("--partition", "debug", "--partition applies to --launcher slurm only")]
    [InlineData("--max-parallel", "2", "--max-parallel applies to --launcher slurm only")]
    [InlineData("--max-requeues", "1", "--max-requeues applies to --launcher slurm only")]
    [InlineData("--warn-seconds", "60", "--warn-seconds applies to --launcher slurm only")]
    public void Slurm_options_without_the_slurm_launcher_are_refused(string option, string value, string message)
    {
        var (exit, _, error) = SweepCli.Run("sweep", "tiny-gpt", option, value, "--dry-run");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("--max-parallel", "0", "--max-parallel expects 1 or more")]
    [InlineData("--max-requeues", "-1", "--max-requeues expects 0 or more")]
    [InlineData("--warn-seconds", "0", "--warn-seconds expects 1 or more")]
    public void Counts_below_their_least_are_refused(string option, string value, string message)
    {
        var (exit, _, error) = SweepCli.Run([.. Sweep, option, value, "--emit"]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("--time", "2", "--warn-seconds 120 is not shorter than --time 2 (120 s)")]
    [InlineData("--time", "1:30:00x", "--time expects a Slurm time limit")]
    public void A_warning_that_would_come_before_the_task_starts_and_a_time_slurm_cannot_read_are_refused(string option, string value, string message)
    {
        var (exit, _, error) = SweepCli.Run([.. Sweep, option, value, "--emit"]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("30", 30 * 60)]
    [InlineData("5:30", 5 * 60 + 30)]
    [InlineData("01:30:00", 90 * 60)]
    [InlineData("2-12", (2 * 24 + 12) * 3600)]
    [InlineData("1-00:30", (24 * 60 + 30) * 60)]
    [InlineData("1-00:00:10", 24 * 3600 + 10)]
    public void Slurm_time_limits_are_read_in_each_of_slurms_formats(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SlurmTime.Parse(text));

    [Theory]
    [InlineData("0:9", "killed by signal 9 (SIGKILL)")]
    [InlineData("0:15", "killed by signal 15 (SIGTERM)")]
    [InlineData("1:0", "exit code 1")]
    [InlineData("75:0", "exit code 75 (interrupted by a signal; resumable)")]
    [InlineData(null, "exit code unknown")]
    public void A_tasks_exit_code_is_told_in_words(string? exitCode, string words)
    {
        Assert.Equal(words, SlurmTask.DescribeExit(exitCode));
        Assert.Equal($"slurm task 7_2 failed, {words}", new SlurmTask("7", 2, "FAILED", exitCode).Ending);
    }

    /// <summary>Two tasks of one array, signalled mid-run: one warned (USR1), one requeued from outside (scontrol requeue, which sends SIGTERM).</summary>
    [SkippableFact]
    public void A_warned_task_requeues_itself_a_task_requeued_from_outside_resumes_and_both_end_with_the_uninterrupted_runs_metrics()
    {
        RequireCluster();
        using var runs = new TempFolder();
        string[] sweep = ["sweep", "tiny-lstm", "--seeds", "1,2", .. Training.StopSignalTests.Random];
        string[] slurm = [.. sweep, "--launcher", "slurm", "--mem", "1G", "--max-parallel", "2", "--runs", Path.Combine(runs.Path, "slurm")];

        var (exit, output) = Dslrunner(slurm);
        Assert.True(exit == ExitCodes.Ok, output);
        string job = System.Text.RegularExpressions.Regex.Match(output, @"submitted job array (\d+)").Groups[1].Value;
        var folder = SweepFolder.Find("tiny-lstm", Path.Combine(runs.Path, "slurm"))!;
        var plan = folder.ReadPlan();
        string Log(int index) => Path.Combine(folder.LogsFolder, $"slurm-{job}_{index}.log");
        WaitUntil(() => plan.Points.All(p => File.Exists(Log(p.Index)) && File.ReadAllText(Log(p.Index)).Contains("step     1/1000", StringComparison.Ordinal)));
        Command("scancel", "--batch", "--signal=USR1", $"{job}_0");
        Command("scontrol", "requeue", $"{job}_1");

        var (waited, waitedOutput) = Dslrunner([.. slurm, "--wait"]);
        log.WriteLine(waitedOutput);
        var (local, localOutput) = Dslrunner([.. sweep, "--jobs", "2", "--runs", Path.Combine(runs.Path, "local")]);

        Assert.True(waited == ExitCodes.Ok, waitedOutput);
        Assert.True(local == ExitCodes.Ok, localOutput);
        string warned = File.ReadAllText(Log(0)), requeued = File.ReadAllText(Log(1));
        log.WriteLine(warned);
        log.WriteLine(requeued);
        Assert.Contains($"dslrunner: task {job}_0 got the warning signal (USR1)", warned);
        Assert.Matches(@"SIGUSR1: stopping after step \d+, checkpoint written to", warned);
        Assert.Contains($"dslrunner: task {job}_0 checkpointed; requeueing it (requeue 1 of at most 3)", warned);
        Assert.Contains("(restart 1)", warned);
        Assert.Matches(@"resuming after step \d+ from", warned);
        Assert.Contains($"dslrunner: task {job}_1 got SIGTERM", requeued);
        Assert.Matches(@"resuming after step \d+ from", requeued);
        var localFolder = SweepFolder.Find("tiny-lstm", Path.Combine(runs.Path, "local"))!;
        var localStates = PointState.ReadAll(localFolder, localFolder.ReadPlan());
        var states = PointState.ReadAll(folder, plan);
        string[] signals = ["SIGUSR1", "SIGTERM"];
        for (int i = 0; i < 2; i++)
        {
            var manifest = DslRunner.Runs.RunManifest.Read(states[i].Folder!);
            Assert.Equal("finished", manifest.Status);
            Assert.StartsWith(signals[i] + " after step ", Assert.Single(manifest.Interruptions));
            Assert.Equal(DslRunner.Runs.RunManifest.Read(localStates[i].Folder!).MetricsHash, manifest.MetricsHash);
            Assert.Equal(File.ReadAllText(Path.Combine(localStates[i].Folder!, DslRunner.Runs.RunArtifacts.SamplesFileName)),
                         File.ReadAllText(Path.Combine(states[i].Folder!, DslRunner.Runs.RunArtifacts.SamplesFileName)));
        }
    }

    [SkippableFact]
    public void A_warned_task_past_its_requeue_limit_stays_interrupted_and_says_why()
    {
        RequireCluster();
        using var runs = new TempFolder();
        string[] slurm = ["sweep", "tiny-lstm", "--seeds", "3", .. Training.StopSignalTests.Random, "--launcher", "slurm", "--mem", "1G", "--max-requeues", "0", "--runs", runs.Path];

        var (exit, output) = Dslrunner(slurm);
        Assert.True(exit == ExitCodes.Ok, output);
        string job = System.Text.RegularExpressions.Regex.Match(output, @"submitted job array (\d+)").Groups[1].Value;
        var folder = SweepFolder.Find("tiny-lstm", runs.Path)!;
        string logPath = Path.Combine(folder.LogsFolder, $"slurm-{job}_0.log");
        WaitUntil(() => File.Exists(logPath) && File.ReadAllText(logPath).Contains("step     1/1000", StringComparison.Ordinal));
        Command("scancel", "--batch", "--signal=USR1", $"{job}_0");
        WaitUntil(() => !SlurmCluster.InQueue(job));

        string taskLog = File.ReadAllText(logPath);
        Assert.Contains($"dslrunner: task {job}_0 checkpointed; not requeued: it has restarted 0 times (--max-requeues)", taskLog);
        var state = PointState.ReadAll(folder, folder.ReadPlan())[0];
        Assert.Equal(PointPhase.Planned, state.Phase);
        Assert.Matches($@"^interrupted by SIGUSR1 after step \d+ at .*; continues from its checkpoint; slurm task {job}_0 \w+, exit code 75 \(interrupted by a signal; resumable\)$", state.Detail);
    }

    internal static void WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the cluster did not get there within 3 minutes");
            Thread.Sleep(50);
        }
    }

    static void Command(string file, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {error}");
    }
}
