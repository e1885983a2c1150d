using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Losses;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DslRunner.Tests.Generator;

/// <summary>
/// Every loss term's weight is spelt <c>weight</c>; capacity's first spelling <c>lambda</c> is still read — in YAML, in
/// an override path, in C# attributes, on the command line and in runs recorded with it — with warning DSL0060.
/// </summary>
public sealed class LossWeightSpellingTests
{
    const string Yaml = """
        experiment: old-lambda
        data: { tokens: 10000 }
        model: { kind: transformer, layers: 1, d_model: 32, heads: 4, context: 16 }
        train: { batch: 4, steps: 10 }
        loss:
          - cross_entropy: {}
          - capacity: { lambda: 0.3, target: 0.7 }
        sweep: { loss.capacity.lambda: [0.5] }
        """;

    [Fact]
    public void The_old_spelling_in_yaml_and_in_an_override_path_is_read_as_weight_with_a_located_warning()
    {
        var result = GeneratorHarness.Run(("old.experiment.yaml", Yaml));

        Assert.All(result.Diagnostics, d => Assert.Equal(("DSL0060", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal([(7, "'lambda' in capacity is read as 'weight'; write 'weight' (its first spelling, still read)"),
                      (8, "'lambda' in capacity is read as 'weight'; write 'weight' (its first spelling, still read)")],
            result.Diagnostics.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage())).Order());
        string generated = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("Weight: 0.3,", generated);
        Assert.Contains("Weight: 0.5,", generated);
        Assert.Contains("\"old-lambda@lambda=0.5\"", generated); // the sweep point keeps the name as written
    }

    [Fact]
    public void The_old_attribute_property_is_read_as_weight_with_the_same_warning()
    {
        var result = GeneratorHarness.Run([], ["""
            using DslRunner.Config;
            using DslRunner.Declarations;

            [Experiment("old-lambda-cs")]
            [Data(Tokens = 10000)]
            [Transformer(Layers = 1, DModel = 32, Heads = 4, Context = 16)]
            [Train(Batch = 4, Steps = 10)]
            [CrossEntropyLoss]
            [CapacityLoss(Lambda = 0.3, Target = 0.7)]
            public partial class OldLambda { }
            """]);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0060", warning.Id);
        Assert.Contains("Weight: 0.3,", string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString())));
    }

    [Fact]
    public void Set_with_the_old_spelling_warns_and_sets_the_weight()
    {
        var experiment = ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-capacity");

        var configured = (ConfiguredExperiment)ConfiguredExperiment.WithOverrides(experiment, ["loss.capacity.lambda=0.25"]);

        Assert.Equal(0.25, configured.Config.Loss.OfType<CapacityLossConfig>().Single().Weight);
        Assert.Equal(["--set loss.capacity.lambda=0.25: 'lambda' in capacity is read as 'weight'; write 'weight' (its first spelling, still read) (DSL0060)"],
            configured.Warnings);
        Assert.Empty(((ConfiguredExperiment)ConfiguredExperiment.WithOverrides(experiment, ["loss.capacity.weight=0.25"])).Warnings);
    }

    [Fact]
    public void A_run_recorded_with_lambda_reads_with_its_hash_and_the_same_config_as_today()
    {
        // Recorded by tiny-capacity as declared, before the key was renamed.
        string folder = Path.Combine(Snapshot.RepositoryRoot(), "tests", "Runs", "Fixtures", "capacity-lambda-run");
        Assert.Contains("\"lambda\": 0.1", File.ReadAllText(Path.Combine(folder, RunManifest.FileName)));

        var manifest = RunManifest.Read(folder);

        Assert.Equal(0.1, manifest.Config.Loss.OfType<CapacityLossConfig>().Single().Weight);
        Assert.True(RunManifest.IsHashOf(manifest.ConfigHash, manifest.Config));
        Assert.NotEqual(manifest.ConfigHash, RunManifest.HashConfig(manifest.Config));
        var declared = ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-capacity").Config;
        Assert.Empty(ConfigDiff.Compare(manifest.Config, declared));
    }
}
