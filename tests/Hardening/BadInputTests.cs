using DslRunner.Tests.Infrastructure;
using DslRunner.Tests.Hardening.Probes;

namespace DslRunner.Tests.Hardening;

/// <summary>The CI-sized bad-input probes; `dotnet run -c Release --project tests/Hardening.Suite` runs them at full size.</summary>
public sealed class BadInputTests
{
    [SkippableFact]
    public void A_thousand_mutated_yaml_documents_never_make_the_generator_throw_and_a_sample_of_the_output_compiles()
    {
        var result = GeneratorFuzz.Yaml(1_000, seed: 11, compiled: 3);
        ProbeAssert.Report(result);
    }

    [SkippableFact]
    public void Mutated_attributed_csharp_never_makes_the_generator_throw_and_a_sample_of_the_output_compiles()
    {
        var result = GeneratorFuzz.CSharp(50, seed: 12, compiled: 3);
        ProbeAssert.Report(result);
    }

    [SkippableFact]
    public void Hostile_strings_stay_inside_string_literals_and_keep_their_values()
    {
        var result = CodeInjection.Run();
        ProbeAssert.Report(result);
    }

    [SkippableFact]
    public void Yaml_tags_anchors_alias_bombs_and_huge_files_are_refused()
    {
        var result = YamlSafety.Run(bounded: false); // the time and allocation bounds are the suite's: they need a quiet process
        ProbeAssert.Report(result);
    }

    [SkippableFact]
    public void Bad_data_fails_with_a_clear_error_before_training()
    {
        var result = DataErrors.Run();
        ProbeAssert.Report(result);
    }

    [SkippableFact]
    public void Damaged_manifest_checkpoint_and_metrics_are_reported_by_resume_and_rerun()
    {
        var result = RunStoreDamage.Run();
        ProbeAssert.Report(result);
    }
}
