using System.Text.RegularExpressions;
namespace DslRunner.Tests.Generator;

/// <summary>The same equivalence with extends, several loss terms and decoders, sparsity, variants and a sweep.</summary>
public sealed class FullFrontEndEquivalenceTests
{
    const string BaseYaml = """
        abstract: true
        seed: 1234
        data: { corpus: synthetic, tokens: 200000 }
        model: { kind: transformer, layers: 2, d_model: 64, heads: 4, context: 32 }
        train: { batch: 8, steps: 200, optimizer: { lr: 3.0e-4 } }
        """;

    const string ExperimentYaml = """
        experiment: arms
        description: arms of an experiment
        extends: base.experiment.yaml
        data: { tokens: 20000 }
        model: { head: cosine, cosine_scale: 10 }
        loss:
          - cross_entropy: {}
          - capacity: { weight: 0.1, target: 0.7 }
          - l1: { weight: 1.0e-5 }
        sparsity: { target: 0.8, start: 50, end: 150, scope: layer }
        decode:
          - greedy: { max_tokens: 20 }
          - beam: { width: 4 }
          - top_p: { p: 0.9, temperature: 0.8 }
        eval: { metrics: [capacity], prompts: ["the "] }
        variants:
          baseline: { data.tokens: 200000, loss.capacity.weight: 0 }
          deeper: { model.layers: 4 }
        sweep: { loss.capacity.weight: [0.01, 1.0] }
        """;

    const string ExperimentCSharp = """
        using DslRunner.Config;
        using DslRunner.Declarations;

        namespace Lab;

        [Experiment("arms", Description = "arms of an experiment", Extends = "base.experiment.yaml")]
        [Data(Tokens = 20000)]
        [Transformer(Head = OutputHead.Cosine, CosineScale = 10)]
        [CrossEntropyLoss]
        [CapacityLoss(Weight = 0.1, Target = 0.7)]
        [L1Loss(Weight = 1.0e-5)]
        [Sparsity(Target = 0.8, Start = 50, End = 150, Scope = PruningScope.Layer)]
        [GreedyDecoder(MaxTokens = 20)]
        [BeamDecoder(Width = 4)]
        [TopPDecoder(P = 0.9, Temperature = 0.8)]
        [Eval(Metrics = new[] { "capacity" }, Prompts = new[] { "the " })]
        [Variant("baseline", "data.tokens", 200000)]
        [Variant("baseline", "loss.capacity.weight", 0)]
        [Variant("deeper", "model.layers", 4)]
        [Sweep("loss.capacity.weight", 0.01, 1.0)]
        public partial class Arms
        {
        }
        """;

    [Fact]
    public void Yaml_and_csharp_declarations_with_extends_variants_and_a_sweep_emit_the_same_code()
    {
        var fromYaml = GeneratorHarness.Run(("/project/Lab/base.experiment.yaml", BaseYaml), ("/project/Lab/arms.experiment.yaml", ExperimentYaml));
        var fromCSharp = GeneratorHarness.RunWithNamedSources([("/project/Lab/base.experiment.yaml", BaseYaml)], [("/project/Lab/Arms.cs", ExperimentCSharp)]);

        Assert.Empty(fromYaml.Diagnostics);
        Assert.Empty(fromCSharp.Diagnostics);
        string yamlClass = Body(fromYaml.GeneratedSources.Single(s => s.HintName == "Arms.g.cs").SourceText.ToString());
        string csharpClass = Body(fromCSharp.GeneratedSources.Single(s => s.HintName == "Lab.Arms.Experiment.g.cs").SourceText.ToString());
        Assert.Contains("public sealed class BaselineVariant", yamlClass);
        Assert.Contains("public sealed class Sweep2", yamlClass);
        Assert.Contains("public const string Name = \"arms@weight=1\";", yamlClass);
        Assert.Equal(yamlClass, csharpClass);
        GeneratedCodeCompilesTests.AssertCompiles(fromCSharp, ExperimentCSharp);
    }

    static string Body(string source) => GeneratorHarness.BodyWithoutDeclaration(source);
}
