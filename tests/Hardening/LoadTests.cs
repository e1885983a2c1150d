using DslRunner.Tests.Infrastructure;
using DslRunner.Tests.Hardening.Probes;

namespace DslRunner.Tests.Hardening;

/// <summary>The CI-sized load probes; the 200-file version and the 20-point sweep run in the suite.</summary>
public sealed class LoadTests
{
    [SkippableFact]
    public void Editing_one_of_fifty_experiment_files_reruns_only_its_pipeline_and_the_output_compiles()
    {
        var result = GeneratorLoad.Run(50);
        ProbeAssert.Report(result);
    }

    [SkippableFact]
    public void A_sweep_runs_every_point_in_one_process_reports_them_and_keeps_memory_flat()
    {
        var result = SweepMemory.Run(SweepMemory.QuickPoints);
        ProbeAssert.Report(result);
    }
}
