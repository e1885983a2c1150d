using DslRunner.Tests.Hardening.Probes;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Hardening;

/// <summary>The CI-sized native soak; the 10-minute one runs in the suite (`soak`).</summary>
public sealed class SoakTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public void Training_evaluation_and_every_decoder_run_under_constant_collections_without_native_errors_or_growth()
    {
        var result = NativeSoak.Run(NativeSoak.Quick);
        output.WriteLine(result.Figures);
        ProbeAssert.Report(result);
    }
}
