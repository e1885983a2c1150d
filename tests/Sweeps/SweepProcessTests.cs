using System.Diagnostics;
using DslRunner.Cli;
using DslRunner.Experiments;
using DslRunner.Runs;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Sweeps;

/// <summary>Sweeps whose points run as child processes: parallel jobs, and a sweep killed with SIGKILL then resumed.</summary>
public sealed class SweepProcessTests
{
    [Fact]
    public void A_sweep_killed_mid_point_takes_its_point_down_and_resumes_keeping_finished_points_and_continuing_exactly()
    {
        using var runs = new TempFolder();
        string[] command = ["sweep", "tiny-gpt", "--seeds", "1,2", "--set", "train.steps=60", "--set", "train.eval_every=10", "--runs", runs.Path];
        using var sweepProcess = DslRunnerProcess.Start([.. command, "--jobs", "1"]);

        var (sweep, killedPoint, killedStep) = WaitForCheckpointOfSecondPoint(runs.Path, sweepProcess);
        sweepProcess.Kill(entireProcessTree: false);
        DslRunnerProcess.Wait(sweepProcess);
        var plan = sweep.ReadPlan();
        string finishedFolder = sweep.RunFolderOf(plan.Points[0])!;
        var finishedBefore = RunManifest.Read(finishedFolder);
        var holder = PointLock.Read(sweep.LockPath(killedPoint));
        Assert.NotNull(holder);
        Assert.True(SpinWait.SpinUntil(() => !holder.IsAlive, TimeSpan.FromSeconds(60)), "the point's process outlived the killed sweep by a minute");
        Assert.Equal(PointPhase.Planned, PointState.Read(sweep, killedPoint).Phase);

        var (exit, output, error) = SweepCli.Run(command);

        Assert.True(exit == ExitCodes.Ok, error + output);
        Assert.Contains($"resuming sweep {sweep.Path}: 1 finished, 0 running, 1 to run", output);
        Assert.Contains($"tiny-gpt seed=2: resuming {sweep.RunFolderOf(killedPoint)} from step {killedStep}", output);
        Assert.Equal(finishedBefore.FinishedAt, RunManifest.Read(finishedFolder).FinishedAt);
        var uninterrupted = ExperimentRunner.Run(SweepPlanner.Resolve(killedPoint, ExperimentRegistry.All), null, new ConsoleProgress(TextWriter.Null));
        var resumed = MetricsLog.Read(Path.Combine(sweep.RunFolderOf(killedPoint)!, RunFileNames.Metrics));
        Assert.Empty(MetricsComparison.Compare(uninterrupted.Metrics, resumed, MetricsTolerance.Exact));
    }

    static (SweepFolder Sweep, SweepPoint Point, int Step) WaitForCheckpointOfSecondPoint(string runs, Process sweepProcess)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(sweepProcess.HasExited, "the sweep ended before it could be killed: " + DslRunnerProcess.Output(sweepProcess));
            if (SweepFolder.Find("tiny-gpt", runs) is { } sweep && File.Exists(Path.Combine(sweep.Path, SweepPlan.FileName)))
            {
                var point = sweep.ReadPlan().Points[1];
                if (sweep.RunFolderOf(point) is { } folder && File.Exists(Path.Combine(folder, TrainingCheckpoint.FileName)))
                    return (sweep, point, TrainingCheckpoint.ReadStep(Path.Combine(folder, TrainingCheckpoint.FileName)));
            }
            Thread.Sleep(5);
        }
        throw new TimeoutException("the second point never wrote a checkpoint: " + DslRunnerProcess.Output(sweepProcess));
    }

    [Fact]
    public void Jobs_run_points_as_separate_processes_and_warn_when_threads_exceed_the_cores()
    {
        using var runs = new TempFolder();
        int jobs = Environment.ProcessorCount + 1;

        using var process = DslRunnerProcess.Start("sweep", "tiny-gpt", "--seeds", "1,2", "--set", "train.steps=4", "--set", "train.eval_every=2",
            "--jobs", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--runs", runs.Path);
        DslRunnerProcess.Wait(process);
        string output = DslRunnerProcess.Output(process);

        Assert.True(process.ExitCode == ExitCodes.Ok, output);
        Assert.Contains($"warning: {jobs} jobs × 1 threads per point = {jobs} threads on {Environment.ProcessorCount} cores", output);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        var states = PointState.ReadAll(sweep, sweep.ReadPlan());
        Assert.All(states, s => Assert.Equal(PointPhase.Finished, s.Phase));
        Assert.All(states, s => Assert.Contains($"{s.Point.Label}: finished", File.ReadAllText(s.Log!)));
        Assert.Equal(2, states.Select(s => RunManifest.Read(s.Folder!).Seed).Distinct().Count());
    }
}
