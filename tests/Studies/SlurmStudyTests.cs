using DslRunner.Cli;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;
using DslRunner.Tests.Sweeps;
using Xunit.Abstractions;

namespace DslRunner.Tests.Studies;

/// <summary>A declared study's runs as one Slurm job array: submitted, waited for, measured and judged as a local run would be.</summary>
public sealed class SlurmStudyTests(ITestOutputHelper log)
{
    static (int Exit, string Output) Dslrunner(params string[] arguments)
    {
        using var process = DslRunnerProcess.Start(arguments);
        DslRunnerProcess.Wait(process, TimeSpan.FromMinutes(10));
        return (process.ExitCode, DslRunnerProcess.Output(process));
    }

    /// <summary>The report's verdict table: the claims, what was measured, the verdicts and why.</summary>
    static string Verdicts(string runs)
    {
        string report = File.ReadAllText(Path.Combine(runs, "studies", "tiny-study", "report.md"));
        int start = report.IndexOf("## Verdicts", StringComparison.Ordinal);
        return report[start..report.IndexOf("## Claims", start, StringComparison.Ordinal)];
    }

    [SkippableFact]
    public void A_study_submitted_to_slurm_reports_when_run_again_with_wait_and_its_verdicts_equal_the_local_runs()
    {
        SlurmSweepTests.RequireCluster(log);
        using var runs = new TempFolder();
        string slurmRuns = Path.Combine(runs.Path, "slurm");
        string[] study = ["study", "tiny-study", "--launcher", "slurm", "--mem", "1G", "--max-parallel", "2", "--runs", slurmRuns];

        var (submitted, submittedOutput) = Dslrunner(study);
        var (waited, waitedOutput) = Dslrunner([.. study, "--wait"]);
        var (local, localOutput) = Dslrunner("study", "tiny-study", "--runs", Path.Combine(runs.Path, "local"));
        log.WriteLine(submittedOutput);
        log.WriteLine(waitedOutput);

        Assert.True(submitted == ExitCodes.Ok, submittedOutput);
        Assert.Matches(@"submitted job array \d+ \(6 tasks: long seed=1, long seed=2, long seed=3, short seed=1, short seed=2, short seed=3\)", submittedOutput);
        Assert.Contains("the study's runs are on Slurm; run 'study tiny-study --budget quick' again when they have finished", submittedOutput);
        Assert.True(waited == ExitCodes.Ok, waitedOutput);
        Assert.DoesNotContain("submitted job array", waitedOutput);
        Assert.Contains("runtime of budget 'quick' not recorded: the runs ran on Slurm", waitedOutput);
        Assert.True(local == ExitCodes.Ok, localOutput);
        Assert.Equal(Verdicts(Path.Combine(runs.Path, "local")), Verdicts(slurmRuns));
        var sweep = SweepFolder.Find("tiny-study.quick", Path.Combine(slurmRuns, "studies", "tiny-study", "runs"))!;
        Assert.All(PointState.ReadAll(sweep, sweep.ReadPlan()), s => Assert.Contains($"{s.Point.Label}: finished", File.ReadAllText(s.Log!)));
    }

    [Fact]
    public void Emit_writes_the_studys_sbatch_script_and_submits_nothing()
    {
        using var runs = new TempFolder();

        var (exit, output) = Dslrunner("study", "tiny-study", "--launcher", "slurm", "--max-parallel", "3", "--emit", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, output);
        var sweep = SweepFolder.Find("tiny-study.quick", Path.Combine(runs.Path, "studies", "tiny-study", "runs"))!;
        Assert.Contains($"wrote {Path.Combine(sweep.Path, "sweep.sbatch")} (6 tasks); nothing submitted", output);
        Assert.Contains("#SBATCH --array=0,1,2,3,4,5%3\n", File.ReadAllText(Path.Combine(sweep.Path, "sweep.sbatch")));
        Assert.False(File.Exists(Path.Combine(sweep.Path, SlurmSubmissions.FileName)));
        Assert.False(File.Exists(Path.Combine(runs.Path, "studies", "tiny-study", "report.md")));
    }

    [Fact]
    public void Jobs_and_the_slurm_launcher_are_not_given_together()
    {
        var (exit, output) = Dslrunner("study", "tiny-study", "--launcher", "slurm", "--jobs", "2");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--jobs applies to --launcher local", output);
    }
}
