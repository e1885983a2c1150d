using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>The experiments the hardening host exposes to the command line, in a child process.</summary>
public static class HostedExperiments
{
    /// <summary>Long enough (a few seconds, a checkpoint every 10 steps) that a kill lands mid-training.</summary>
    public static readonly IExperiment Tiny = new TestExperiment(TestExperiment.Tiny(seed: 11, steps: 80));

    public static IReadOnlyList<IExperiment> All => [Tiny];
}
