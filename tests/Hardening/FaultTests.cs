using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Hardening.Probes;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Hardening;

/// <summary>The CI-sized fault probes: a kill and resume in a child process, a full disk and a read-only folder.</summary>
public sealed class FaultTests
{
    [SkippableFact]
    public void A_run_killed_mid_training_resumes_to_the_uninterrupted_metrics_with_whole_files()
    {
        var result = KillResume.Run(trials: 1, seed: 13);
        ProbeAssert.Report(result);
    }

    [SkippableFact]
    public void A_full_disk_or_read_only_folder_fails_clearly_and_keeps_earlier_files()
    {
        var result = DiskFaults.Run();
        ProbeAssert.Report(result);
    }

    [Fact]
    public void Resume_deletes_the_temporary_file_a_killed_atomic_write_left_behind()
    {
        using var runs = new TempFolder();
        IExperiment[] experiments = [new TestExperiment(TestExperiment.Tiny(seed: 6, steps: 10))];
        Assert.Equal(ExitCodes.Ok, DslRunnerCli.Run(["run", "tiny", "--runs", runs.Path], experiments, TextWriter.Null, TextWriter.Null));
        string folder = RunLocator.Find("tiny", runs.Path);
        string stale = Path.Combine(folder, "checkpoint.bin.99999.tmp");
        File.WriteAllBytes(stale, [1, 2, 3]);

        var error = new StringWriter();
        int exit = DslRunnerCli.Run(["resume", folder, "--runs", runs.Path], experiments, TextWriter.Null, error);

        Assert.True(exit == ExitCodes.Ok, error.ToString());
        Assert.False(File.Exists(stale));
        Assert.Empty(RunFolderIntegrity.Problems(folder, allowTornLastMetricsLine: false, allowTemporaryFiles: false));
    }
}
