using DslRunner.Tests.Hardening.Probes;

namespace DslRunner.Tests.Hardening;

/// <summary>The CI-sized fault probes: a kill and resume in a child process, a full disk and a read-only folder.</summary>
public sealed class FaultTests
{
    [Fact]
    public void A_run_killed_mid_training_resumes_to_the_uninterrupted_metrics_with_whole_files()
    {
        var result = KillResume.Run(trials: 1, seed: 13);
        Assert.True(result.Held, result.Explain());
    }

    [Fact]
    public void A_full_disk_or_read_only_folder_fails_clearly_and_keeps_earlier_files()
    {
        var result = DiskFaults.Run();
        Assert.True(result.Held, result.Explain());
    }
}
