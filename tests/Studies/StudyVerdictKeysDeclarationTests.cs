using DslRunner.Tests.Generator;
using DslRunner.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DslRunner.Tests.Studies;

/// <summary>
/// The study keys that decide how verdicts are reached, read by the study parser: <c>multiplicity</c>, <c>metric@init</c> in
/// checks and <c>data_seeds</c> — what each emits, and the located diagnostic a wrong value gets.
/// </summary>
public sealed class StudyVerdictKeysDeclarationTests
{
    static readonly (string, string) Base = ("/project/base.experiment.yaml",
        File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "tests", "Invalid", "Studies", "base.experiment.yaml")));

    /// <summary>A study of two arms of the base experiment with <paramref name="keys"/> at the top and one claim.</summary>
    static GeneratorRunResult Study(string keys, string check = "loss[ce] - loss[cap] < 0", string arms = "") => GeneratorHarness.Run(Base, ("/project/keys.study.yaml", $$"""
        study: keys
        {{keys}}
        arms:
          ce: { experiment: study-base }
          cap: { experiment: study-base.constrained }
        {{arms}}
        measures: [loss, capacity, tokens_seen]
        claims:
          lower:
            check: {{check}}
        """));

    static string Emitted(GeneratorRunResult result) =>
        result.GeneratedSources.Single(s => s.HintName.StartsWith("KeysStudy", StringComparison.Ordinal)).SourceText.ToString();

    static (int Line, int Column) At(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (start.Line + 1, start.Character + 1);
    }

    [Fact]
    public void A_declared_multiplicity_rule_is_emitted_and_holm_is_the_default()
    {
        var bonferroni = Study("multiplicity: bonferroni");
        var none = Study("multiplicity: none");
        var holm = Study("multiplicity: holm");
        var unset = Study("");

        Assert.All(new[] { bonferroni, none, holm, unset }, r => Assert.Empty(r.Diagnostics));
        Assert.Contains("Multiplicity: global::DslRunner.Statistics.MultiplicityRule.Bonferroni", Emitted(bonferroni));
        Assert.Contains("Multiplicity: global::DslRunner.Statistics.MultiplicityRule.None", Emitted(none));
        Assert.DoesNotContain("Multiplicity:", Emitted(holm));
        Assert.Equal(Emitted(unset), Emitted(holm));
    }

    [Fact]
    public void An_unknown_multiplicity_rule_is_refused_at_its_value_with_the_rules_named()
    {
        var result = Study("multiplicity: holmes");
        var list = Study("multiplicity: [holm]");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0061", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("/project/keys.study.yaml", error.Location.GetLineSpan().Path);
        Assert.Equal((2, 15), At(error));
        Assert.Equal("'holmes' is not a multiplicity rule; expected holm (the default), bonferroni or none; did you mean 'holm'?", error.GetMessage());
        Assert.Equal("DSL0061", Assert.Single(list.Diagnostics).Id);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("KeysStudy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_metric_at_init_is_read_as_the_untrained_models_value()
    {
        var result = Study("", "loss[ce] - loss@init[ce] < 0");

        Assert.Empty(result.Diagnostics);
        Assert.Contains("new global::DslRunner.Studies.MetricValue(\"loss\", \"ce\", global::DslRunner.Studies.ValueKind.Init, 0)", Emitted(result));
        Assert.Empty(Study("", "capacity@init[cap] > 0.5").Diagnostics);
        // value: init makes a plain name mean the untrained model's value, as value: min makes it mean the smallest.
        var byDefault = Study("", "loss[ce] < 3\n    value: init");
        Assert.Empty(byDefault.Diagnostics);
        Assert.Contains("MetricValue(\"loss\", \"ce\", global::DslRunner.Studies.ValueKind.Init, 0)", Emitted(byDefault));
        Assert.Contains("ValueKind.Final", Emitted(Study("", "loss[ce] < 3")));
    }

    [Fact]
    public void An_unknown_value_suffix_is_refused_at_the_suffix_and_init_names_only_what_an_untrained_model_has()
    {
        var suffix = Assert.Single(Study("", "loss@initial[ce] < 3").Diagnostics);
        var tokens = Assert.Single(Study("", "tokens_seen[ce] - tokens_seen@init[ce] > 0").Diagnostics);
        var built = Assert.Single(Study("", "loss@init[built] > 0", "  built: { experiment: study-base, train: false }").Diagnostics);

        Assert.Equal("DSL0053", suffix.Id);
        Assert.Equal((10, 17), At(suffix)); // "    check: loss@initial[ce] < 3": the suffix starts at column 17
        Assert.Equal("Check of 'lower': 'initial' is not a value of a metric; expected final, last, min, max, start, stepN or init", suffix.GetMessage());
        Assert.Equal("DSL0052", tokens.Id);
        Assert.Contains("'tokens_seen@init' has no value before training", tokens.GetMessage());
        Assert.Equal((10, 30), At(tokens)); // "    check: tokens_seen[ce] - tokens_seen@init[ce] > 0": at the @init reference
        Assert.DoesNotContain("did you mean", tokens.GetMessage());
        Assert.Equal("DSL0052", built.Id);
        Assert.Contains("arm 'built' is only built (train: false)", built.GetMessage());
    }

    [Fact]
    public void Data_seeds_are_emitted_and_need_two_texts_where_a_check_needs_an_interval()
    {
        var two = Study("data_seeds: [5, 6]");
        var one = Study("data_seeds: [5]");

        Assert.Empty(two.Diagnostics);
        Assert.Contains("DataSeeds: new int[] { 5, 6 }", Emitted(two));
        Assert.DoesNotContain("DataSeeds", Emitted(Study("")));
        var error = Assert.Single(one.Diagnostics);
        Assert.Equal("DSL0054", error.Id);
        Assert.Equal((2, 13), At(error));
        Assert.StartsWith("data_seeds has 1 distinct seed(s)", error.GetMessage());
    }

    [Fact]
    public void A_data_seed_set_by_an_arm_beside_data_seeds_is_refused_at_its_key()
    {
        var result = Study("data_seeds: [5, 6]", arms: "  other: { experiment: study-base, set: { data.seed: 9 } }");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0062", error.Id);
        Assert.Equal((6, 43), At(error));
        Assert.StartsWith("Arm 'other' sets data.seed", error.GetMessage());
        Assert.Empty(Study("", arms: "  other: { experiment: study-base, set: { data.seed: 5 } }").Diagnostics);
    }
}
