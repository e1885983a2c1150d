using DslRunner.Generator.Measures;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Generator;

/// <summary>The built-in measures, listed once in <see cref="MeasureCatalog"/>, are what studies and experiments may name.</summary>
public sealed class MeasureCatalogTests
{
    static readonly (string, string) Base = ("/project/base.experiment.yaml",
        File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "tests", "Invalid", "Studies", "base.experiment.yaml")));

    [Fact]
    public void A_study_may_measure_the_stored_weight_bytes_that_every_test_record_holds()
    {
        var result = GeneratorHarness.Run(Base, ("/project/stored.study.yaml", """
            study: stored
            arms:
              ce: { experiment: study-base }
            measures: [stored_bytes_dense, stored_bytes_csr]
            claims:
              small:
                check: stored_bytes_csr[ce] < 1e9
            """));

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void No_two_built_in_measures_share_a_name_or_a_figure()
    {
        Assert.Equal(MeasureCatalog.BuiltIn.Count, MeasureCatalog.BuiltIn.Select(m => m.Name).Distinct().Count());
        Assert.Equal(MeasureCatalog.Figures.Count(), MeasureCatalog.Figures.Distinct().Count());
    }

    [Fact]
    public void A_study_measure_named_as_a_built_in_figure_or_as_another_measure_is_an_error_at_its_name()
    {
        var result = GeneratorHarness.RunWithNamedSources([], [("/project/Measures.cs", """
            using DslRunner.Studies;

            namespace Lab;

            [StudyMeasure("training_flops")]
            public sealed class Flops : IStudyMeasure { public string Name => "training_flops"; public double Measure(MeasureInput input) => 0; }

            [StudyMeasure("recall")]
            public sealed class Recall : IStudyMeasure { public string Name => "recall"; public double Measure(MeasureInput input) => 0; }

            [StudyMeasure("recall")]
            public sealed class OtherRecall : IStudyMeasure { public string Name => "recall"; public double Measure(MeasureInput input) => 1; }
            """)]);

        var errors = result.Diagnostics.Where(d => d.Id == "DSL0063").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("The measure 'training_flops' of global::Lab.Flops takes a figure of the built-in measure 'model_cost', so a record could not tell them apart; give it a name of its own",
            errors[0].GetMessage());
        Assert.Equal(4, errors[0].Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("takes the name of global::Lab.", errors[1].GetMessage());
    }

    [Fact]
    public void A_csharp_metric_is_checked_by_its_literal_name_and_a_computed_name_is_left_to_the_run_start()
    {
        static string Experiment(string name) => $$"""
            using DslRunner.Declarations;
            using DslRunner.Training;

            namespace Lab;

            public sealed class Named : EvalMetric { public override string Name => {{name}}; public override double Measure(EvalMetricInputs inputs) => 0; }

            [Experiment("metric-name")]
            [Data(Tokens = 10000)]
            [Transformer(Layers = 1, DModel = 16, Heads = 2, Context = 16)]
            [Train(Batch = 4, Steps = 4)]
            [Metric(typeof(Named))]
            public partial class Case { }
            """;

        var literal = GeneratorHarness.Run([], [Experiment("\"tokens_seen\"")]);
        var computed = GeneratorHarness.Run([], [Experiment("\"tokens_\" + \"seen\"")]);

        Assert.Equal("The measure 'tokens_seen' of global::Lab.Named takes a figure of the built-in measure 'model_cost', so a record could not tell them apart; give it a name of its own",
            Assert.Single(literal.Diagnostics, d => d.Id == "DSL0063").GetMessage());
        Assert.DoesNotContain(computed.Diagnostics, d => d.Id == "DSL0063");
    }
}
