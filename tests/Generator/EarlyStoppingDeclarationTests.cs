using DslRunner.Config;

namespace DslRunner.Tests.Generator;

/// <summary><c>train.early_stopping</c> and <c>train.keep_best</c> declared in YAML and in attributed C# bind to the same config.</summary>
public sealed class EarlyStoppingDeclarationTests
{
    const string Yaml = """
        experiment: watched-yaml
        data: { tokens: 10000 }
        model: { kind: transformer, layers: 1, d_model: 32, heads: 4, context: 16 }
        train:
          batch: 4
          steps: 10
          keep_best: true
          early_stopping: { metric: perplexity, mode: min, patience: 2, min_delta: 0.01 }
        """;

    const string CSharp = """
        using DslRunner.Config;
        using DslRunner.Declarations;

        [Experiment("watched-cs")]
        [Data(Tokens = 10000)]
        [Transformer(Layers = 1, DModel = 32, Heads = 4, Context = 16)]
        [Train(Batch = 4, Steps = 10, KeepBest = true)]
        [EarlyStopping(Metric = "perplexity", Mode = StoppingMode.Min, Patience = 2, MinDelta = 0.01)]
        public partial class WatchedCs { }
        """;

    [Fact]
    public void Both_front_ends_declare_early_stopping_and_keep_best()
    {
        var result = GeneratorHarness.Run([("watched.experiment.yaml", Yaml)], [CSharp]);

        var experiments = GeneratedAssembly.Registry(GeneratedAssembly.Load(GeneratedCodeCompilesTests.AssertCompiles(result, CSharp)));

        Assert.Equal(2, experiments.Count);
        Assert.All(experiments, experiment =>
        {
            Assert.Equal(new EarlyStoppingConfig("perplexity", StoppingMode.Min, 2, 0.01), experiment.Config.Train.EarlyStopping);
            Assert.True(experiment.Config.Train.KeepBest);
        });
    }
}
