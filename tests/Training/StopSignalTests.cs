using System.Diagnostics;
using System.Text.RegularExpressions;
using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Training;

/// <summary>
/// A stop signal (SIGUSR1, SIGTERM) ends training at the next step boundary with a checkpoint there; the run is marked
/// interrupted, exits with 75, and continues to the metrics an uninterrupted run ends with — with dropout and a sampled
/// decode, so the random state must come back too.
/// </summary>
public sealed class StopSignalTests
{
    /// <summary>tiny-lstm decodes by seeded sampling; dropout and a thousand steps make the run random and long enough to signal mid-way.</summary>
    internal static readonly string[] Random = ["--set", "model.dropout=0.1", "--set", "train.steps=1000", "--set", "train.eval_every=300"];

    static Process Signal(Process process, int signal)
    {
        Assert.Equal(0, Kill(process.Id, signal));
        return process;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    static extern int Kill(int pid, int signal);

    [Fact]
    public void A_USR1_mid_run_checkpoints_at_the_next_step_marks_the_run_interrupted_and_resume_ends_with_the_uninterrupted_metrics()
    {
        using var runs = new TempFolder();
        using var whole = DslRunnerProcess.Start(["run", "tiny-lstm", .. Random, "--runs", Path.Combine(runs.Path, "whole")]);
        using var stopped = DslRunnerProcess.Start(["run", "tiny-lstm", .. Random, "--runs", Path.Combine(runs.Path, "stopped")]);

        DslRunnerProcess.WaitForOutput(stopped, @"^step\s+1/1000");
        DslRunnerProcess.Wait(Signal(stopped, 10));
        DslRunnerProcess.Wait(whole);

        string output = DslRunnerProcess.Output(stopped);
        Assert.True(stopped.ExitCode == ExitCodes.Interrupted, output);
        Assert.True(whole.ExitCode == ExitCodes.Ok, DslRunnerProcess.Output(whole));
        string folder = Directory.GetDirectories(Path.Combine(runs.Path, "stopped", "tiny-lstm")).Single();
        var interrupted = RunManifest.Read(folder);
        Assert.Equal(RunManifest.Interrupted, interrupted.Status);
        var stop = Assert.Single(interrupted.Interruptions);
        Assert.Matches(@"^SIGUSR1 after step \d+ at \d{4}-", stop);
        int step = int.Parse(stop.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(step, 1, 999);
        Assert.Equal(step, DslRunner.Training.TrainingCheckpoint.ReadStep(Path.Combine(folder, DslRunner.Training.TrainingCheckpoint.FileName)));
        Assert.Contains($"interrupted by SIGUSR1 after step {step}; its checkpoint is {folder}/checkpoint.bin; continue it with: resume {folder}", output);

        using var resumed = DslRunnerProcess.Start("resume", folder);
        DslRunnerProcess.Wait(resumed);

        Assert.True(resumed.ExitCode == ExitCodes.Ok, DslRunnerProcess.Output(resumed));
        string referenceFolder = Directory.GetDirectories(Path.Combine(runs.Path, "whole", "tiny-lstm")).Single();
        var finished = RunManifest.Read(folder);
        Assert.Equal("finished", finished.Status);
        Assert.Equal(interrupted.Interruptions, finished.Interruptions);
        Assert.Equal(RunManifest.Read(referenceFolder).MetricsHash, finished.MetricsHash);
        Assert.Equal(File.ReadAllText(Path.Combine(referenceFolder, RunArtifacts.SamplesFileName)), File.ReadAllText(Path.Combine(folder, RunArtifacts.SamplesFileName)));
    }

    [Fact]
    public void SIGTERM_to_a_sweep_reaches_its_child_processes_which_checkpoint_and_the_same_command_finishes_them()
    {
        using var runs = new TempFolder();
        string[] sweep = ["sweep", "tiny-lstm", "--seeds", "1,2", .. Random, "--jobs", "2", "--runs", runs.Path];
        using var first = DslRunnerProcess.Start(sweep);
        var folder = WaitForSweep(runs.Path, first);
        var plan = folder.ReadPlan();
        foreach (var point in plan.Points)
            WaitFor(() => File.Exists(folder.LogPath(point)) && File.ReadAllText(folder.LogPath(point)).Contains("step     1/1000", StringComparison.Ordinal), first);

        DslRunnerProcess.Wait(Signal(first, 15));

        string output = DslRunnerProcess.Output(first);
        Assert.True(first.ExitCode == ExitCodes.Interrupted, output);
        Assert.Contains("SIGTERM: the runs stopped at their checkpoints; run the same command again to continue them", output);
        var states = PointState.ReadAll(folder, plan);
        Assert.All(states, s => Assert.Equal(PointPhase.Planned, s.Phase));
        foreach (var state in states)
            Assert.True(Regex.IsMatch(state.Detail ?? "", @"^interrupted by SIGTERM after step \d+ at .*; continues from its checkpoint$"),
                $"{state.Point.Label}: {state.Detail}\nits log:\n{(state.Log is null ? "(none)" : File.ReadAllText(state.Log))}\nthe sweep wrote:\n{output}");

        using var again = DslRunnerProcess.Start(sweep);
        DslRunnerProcess.Wait(again);

        Assert.True(again.ExitCode == ExitCodes.Ok, DslRunnerProcess.Output(again));
        Assert.All(PointState.ReadAll(folder, plan), s => Assert.Equal(PointPhase.Finished, s.Phase));
        Assert.All(PointState.ReadAll(folder, plan), s => Assert.Contains("resuming", File.ReadAllText(s.Log!)));
    }

    static SweepFolder WaitForSweep(string runs, Process process)
    {
        SweepFolder? folder = null;
        WaitFor(() => (folder = SweepFolder.Find("tiny-lstm", runs)) is not null && File.Exists(Path.Combine(folder.Path, SweepPlan.FileName)), process);
        return folder!;
    }

    static void WaitFor(Func<bool> condition, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited || clock.Elapsed > DslRunnerProcess.Patience)
                Assert.Fail($"dslrunner {(process.HasExited ? "exited" : "went on")} before the condition held; it wrote:\n{DslRunnerProcess.Output(process)}");
            Thread.Sleep(20);
        }
    }
}
