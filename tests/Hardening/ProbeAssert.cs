using DslRunner.Tests.Hardening.Probes;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Hardening;

/// <summary>Reports a probe as a test: held passes, failed fails, skipped is a skip with its reason (a failure under CI where it could run).</summary>
public static class ProbeAssert
{
    public static void Report(ProbeResult result)
    {
        if (result.Held) return;
        if (result.Ran || result.SkipIsFailure) Assert.Fail(result.Explain());
        Skip.Because($"{result.Property}: {result.SkipReason}");
    }
}
