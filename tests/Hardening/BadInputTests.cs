using DslRunner.Tests.Hardening.Probes;

namespace DslRunner.Tests.Hardening;

/// <summary>The CI-sized bad-input probes; `dotnet run -c Release --project tests/Hardening.Suite` runs them at full size.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void A_thousand_mutated_yaml_documents_never_make_the_generator_throw()
    {
        var result = GeneratorFuzz.Yaml(1_000, seed: 11);
        Assert.True(result.Held, result.Explain());
    }

    [Fact]
    public void Mutated_attributed_csharp_never_makes_the_generator_throw()
    {
        var result = GeneratorFuzz.CSharp(50, seed: 12);
        Assert.True(result.Held, result.Explain());
    }

    [Fact]
    public void Hostile_strings_stay_inside_string_literals_and_keep_their_values()
    {
        var result = CodeInjection.Run();
        Assert.True(result.Held, result.Explain());
    }

    [Fact]
    public void Yaml_tags_anchors_alias_bombs_and_huge_files_are_refused_quickly()
    {
        var result = YamlSafety.Run();
        Assert.True(result.Held, result.Explain());
    }

    [Fact]
    public void Bad_data_fails_with_a_clear_error_before_training()
    {
        var result = DataErrors.Run();
        Assert.True(result.Held, result.Explain());
    }

    [Fact]
    public void Damaged_manifest_checkpoint_and_metrics_are_reported_by_resume_and_rerun()
    {
        var result = RunStoreDamage.Run();
        Assert.True(result.Held, result.Explain());
    }
}
