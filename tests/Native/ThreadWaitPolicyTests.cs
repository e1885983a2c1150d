using DslRunner.Cli;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Native;

/// <summary>Every DslRunner process asks OpenMP for a passive wait unless the user chose a policy; the bits do not change.</summary>
public sealed class ThreadWaitPolicyTests
{
    static RunManifest Run(string runs, IReadOnlyDictionary<string, string?> environment)
    {
        var (exit, output, error) = CliProcess.Run(environment, "run", "tiny-gpt", "--runs", runs);
        Assert.True(exit == ExitCodes.Ok, output + error);
        return RunManifest.Read(RunLocator.Find("tiny-gpt", runs));
    }

    [Fact]
    public void A_run_waits_passively_unless_the_user_chose_a_policy_and_its_metrics_are_the_same_either_way()
    {
        using var runs = new TempFolder();

        var unset = Run(Path.Combine(runs.Path, "unset"), new Dictionary<string, string?> { [ThreadWaitPolicy.Variable] = null, [ThreadWaitPolicy.SpinCountVariable] = null });
        var active = Run(Path.Combine(runs.Path, "active"), new Dictionary<string, string?> { [ThreadWaitPolicy.Variable] = "ACTIVE", [ThreadWaitPolicy.SpinCountVariable] = null });
        var spins = Run(Path.Combine(runs.Path, "spins"), new Dictionary<string, string?> { [ThreadWaitPolicy.Variable] = null, [ThreadWaitPolicy.SpinCountVariable] = "1000" });

        Assert.Equal("PASSIVE", unset.Numeric!.ThreadWait);
        Assert.Equal("ACTIVE", active.Numeric!.ThreadWait);
        Assert.Equal("GOMP_SPINCOUNT=1000", spins.Numeric!.ThreadWait);
        Assert.Equal(unset.MetricsHash, active.MetricsHash);
        Assert.Equal(unset.MetricsHash, spins.MetricsHash);
    }

    [Fact]
    public void This_process_loaded_libtorch_with_the_passive_wait_or_the_policy_it_was_started_with()
    {
        TorchRuntime.EnsureLoaded();
        string? startedWith = Environment.GetEnvironmentVariable(ThreadWaitPolicy.Variable);
        bool chosen = startedWith is { Length: > 0 } || Environment.GetEnvironmentVariable(ThreadWaitPolicy.SpinCountVariable) is { Length: > 0 };

        Assert.Equal(chosen ? startedWith : ThreadWaitPolicy.Passive, NativeEnvironment.Get(ThreadWaitPolicy.Variable));
    }
}
