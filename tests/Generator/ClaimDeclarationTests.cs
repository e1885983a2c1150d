using DslRunner.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DslRunner.Tests.Generator;

/// <summary>A claim's kind (finding or mechanism) and its source document, declared in YAML: what is emitted and what is refused.</summary>
public sealed class ClaimDeclarationTests
{
    static readonly (string, string) Base = ("/project/base.experiment.yaml",
        File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "tests", "Invalid", "Studies", "base.experiment.yaml")));

    static GeneratorRunResult Study(string claim) => GeneratorHarness.Run(Base, ("/project/kinds.study.yaml", $$"""
        study: kinds
        arms:
          ce: { experiment: study-base }
          cap: { experiment: study-base.constrained }
        measures: [capacity]
        claims:
          lifts:
            text: The constraint lifts C
        {{claim}}
            check: capacity[cap] - capacity[ce] > 0
        """));

    static string Emitted(GeneratorRunResult result) =>
        result.GeneratedSources.Single(s => s.HintName.StartsWith("KindsStudy", StringComparison.Ordinal)).SourceText.ToString();

    [Fact]
    public void A_mechanism_is_emitted_as_one_and_a_finding_is_the_default()
    {
        var mechanism = Study("    kind: mechanism\n    source: doc-000-4.1");
        var finding = Study("    source: doc-000-4.1");

        Assert.Empty(mechanism.Diagnostics);
        Assert.Contains("\"doc-000-4.1\"", Emitted(mechanism));
        Assert.Contains("ClaimKind.Mechanism", Emitted(mechanism));
        Assert.Empty(finding.Diagnostics);
        Assert.DoesNotContain("ClaimKind", Emitted(finding));
    }

    [Fact]
    public void An_unknown_kind_is_an_error_naming_the_kinds()
    {
        var result = Study("    kind: theorem");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0006", error.Id);
        Assert.Contains("'theorem' is not a valid kind of claim; expected one of: finding, mechanism", error.GetMessage());
    }

    [Fact]
    public void The_old_seed_spelling_of_the_source_still_builds_with_a_warning_at_the_key()
    {
        var result = Study("    seed: doc-000-4.1");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0060", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal("'seed' in claim 'lifts' is read as 'source'; write 'source' (it names the document a claim comes from, not a random seed)", warning.GetMessage());
        Assert.Equal(9, warning.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("\"doc-000-4.1\"", Emitted(result));
    }
}
