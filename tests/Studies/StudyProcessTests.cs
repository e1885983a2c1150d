using DslRunner.Cli;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Studies;

/// <summary>A declared study's arms are the points of a sweep plan: they run as child processes with --jobs and are reused after.</summary>
public sealed class StudyProcessTests
{
    [Fact]
    public void Jobs_run_a_studys_arms_as_separate_processes_through_its_sweep_plan_and_a_second_run_reuses_them()
    {
        using var runs = new TempFolder();
        string[] command = ["study", "tiny-study", "--runs", runs.Path];

        using var first = DslRunnerProcess.Start([.. command, "--jobs", "2"]);
        DslRunnerProcess.Wait(first);
        string firstOutput = DslRunnerProcess.Output(first);
        using var second = DslRunnerProcess.Start(command);
        DslRunnerProcess.Wait(second);
        string secondOutput = DslRunnerProcess.Output(second);

        Assert.True(first.ExitCode == ExitCodes.Ok, firstOutput);
        Assert.True(second.ExitCode == ExitCodes.Ok, secondOutput);
        var sweep = SweepFolder.Find("tiny-study.quick", Path.Combine(runs.Path, "studies", "tiny-study", "runs"))!;
        var states = PointState.ReadAll(sweep, sweep.ReadPlan());
        Assert.Equal(6, states.Count);
        Assert.All(states, s => Assert.Equal(PointPhase.Finished, s.Phase));
        Assert.All(states, s => Assert.Contains($"{s.Point.Label}: finished", File.ReadAllText(s.Log!)));   // each ran in its own process
        string report = File.ReadAllText(Path.Combine(runs.Path, "studies", "tiny-study", "report.md"));
        Assert.Contains("6 of 6 runs were reused", report);
        Assert.Contains($" cores of {DslRunner.Native.CpuInfo.Model}; load average", report);   // timings mean little without the CPU
        Assert.Contains("held", report);
    }

    [Fact]
    public void An_arm_in_the_other_numeric_mode_runs_in_child_processes_in_its_mode()
    {
        using var runs = new TempFolder();

        using var process = DslRunnerProcess.Start("study", "tiny-modes", "--runs", runs.Path);
        DslRunnerProcess.Wait(process);
        string output = DslRunnerProcess.Output(process);

        Assert.True(process.ExitCode == ExitCodes.Ok, output);
        var sweep = SweepFolder.Find("tiny-modes.quick", Path.Combine(runs.Path, "studies", "tiny-modes", "runs"))!;
        var states = PointState.ReadAll(sweep, sweep.ReadPlan());
        Assert.Equal(6, states.Count);
        Assert.All(states, s => Assert.Equal(PointPhase.Finished, s.Phase));
        Assert.All(states, s => Assert.Equal(s.Point.Group == "portable", DslRunner.Runs.RunManifest.Read(s.Folder!).Numeric!.Portable));
    }

    [Fact]
    public void Jobs_below_one_are_refused()
    {
        using var runs = new TempFolder();
        using var process = DslRunnerProcess.Start("study", "tiny-study", "--jobs", "0", "--runs", runs.Path);
        DslRunnerProcess.Wait(process);

        Assert.Equal(ExitCodes.Usage, process.ExitCode);
        Assert.Contains("--jobs expects a number of processes of 1 or more", DslRunnerProcess.Output(process));
    }
}
