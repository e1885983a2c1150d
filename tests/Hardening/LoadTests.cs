using DslRunner.Tests.Hardening.Probes;

namespace DslRunner.Tests.Hardening;

/// <summary>The CI-sized load probe; the 200-file version and the 20-point sweep with memory figures run in the suite.</summary>
public sealed class LoadTests
{
    [Fact]
    public void Editing_one_of_fifty_experiment_files_reruns_only_its_pipeline_and_the_output_compiles()
    {
        var result = GeneratorLoad.Run(50);
        Assert.True(result.Held, result.Explain());
    }
}
