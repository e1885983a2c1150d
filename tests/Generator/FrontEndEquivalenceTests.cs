using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Generator;

/// <summary>The attributed C# front end and the YAML front end say the same things and produce the same code.</summary>
public sealed class FrontEndEquivalenceTests
{
    const string QuickstartYaml = """
        experiment: quickstart
        description: A two-layer GPT learns the synthetic corpus, then greedily continues a prompt.
        seed: 1234
        data: { corpus: synthetic, tokens: 400000, validation: 0.05, test: 0.05 }
        tokenizer: { kind: char }
        model: { kind: transformer, layers: 2, d_model: 128, heads: 4, context: 64, head: tied }
        loss:
          - cross_entropy: {}
        train:
          optimizer: { kind: adamw, lr: 3.0e-3, weight_decay: 0.1 }
          schedule: { warmup: 20, decay: cosine }
          batch: 32
          steps: 300
          eval_every: 50
          threads: 2
        decode:
          - greedy: { max_tokens: 160 }
        eval:
          metrics: [perplexity]
          prompts: ["the "]
        """;

    const string QuickstartCSharp = """
        using DslRunner.Config;
        using DslRunner.Declarations;

        namespace Lab;

        [Experiment("quickstart", Description = "A two-layer GPT learns the synthetic corpus, then greedily continues a prompt.", Seed = 1234)]
        [Data(Corpus = CorpusKind.Synthetic, Tokens = 400000, Validation = 0.05, Test = 0.05)]
        [Tokenizer(Kind = TokenizerKind.Char)]
        [Transformer(Layers = 2, DModel = 128, Heads = 4, Context = 64, Head = OutputHead.Tied)]
        [CrossEntropyLoss]
        [Train(Batch = 32, Steps = 300, EvalEvery = 50, Threads = 2)]
        [Optimizer(Kind = OptimizerKind.AdamW, Lr = 3.0e-3, WeightDecay = 0.1)]
        [Schedule(Warmup = 20, Decay = DecayKind.Cosine)]
        [GreedyDecoder(MaxTokens = 160)]
        [Eval(Metrics = new[] { "perplexity" }, Prompts = new[] { "the " })]
        public partial class Quickstart
        {
        }
        """;

    [Fact]
    public void Yaml_and_attributed_csharp_declarations_of_one_experiment_emit_the_same_training_code()
    {
        var fromYaml = GeneratorHarness.Run(("/project/quickstart.experiment.yaml", QuickstartYaml));
        var fromCSharp = GeneratorHarness.Run([], [QuickstartCSharp]);

        Assert.Empty(fromYaml.Diagnostics);
        Assert.Empty(fromCSharp.Diagnostics);
        string yamlClass = ClassBody(fromYaml.GeneratedSources.Single(s => s.HintName == "Quickstart.g.cs").SourceText.ToString());
        string csharpClass = ClassBody(fromCSharp.GeneratedSources.Single(s => s.HintName == "Lab.Quickstart.Experiment.g.cs").SourceText.ToString());
        Assert.Contains("Model.Build(vocabularySize)", yamlClass);
        Assert.Equal(yamlClass, csharpClass);
    }

    [Fact]
    public void The_attributed_class_compiles_as_a_complete_experiment()
    {
        var result = GeneratorHarness.Run([], [QuickstartCSharp]);

        GeneratedCodeCompilesTests.AssertCompiles(result, QuickstartCSharp);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "ExperimentRegistry.g.cs"
            && s.SourceText.ToString().Contains("new global::Lab.Quickstart(),", StringComparison.Ordinal));
    }

    [Fact]
    public void A_loss_term_written_in_csharp_is_called_directly_by_the_generated_code()
    {
        const string source = """
            using DslRunner.Config;
            using DslRunner.Declarations;
            using DslRunner.Losses;
            using TorchSharp;

            namespace Lab;

            public sealed class LogitMagnitude : LossTerm
            {
                public override string Name => "logit_magnitude";
                public override torch.Tensor Compute(LossInputs inputs) => inputs.Logits.abs().mean() * 1e-3;
            }

            [Experiment("with-user-term", Seed = 7)]
            [Data(Tokens = 5000)]
            [Transformer(Layers = 1, DModel = 16, Heads = 2, Context = 8)]
            [CrossEntropyLoss]
            [LossTerm(typeof(LogitMagnitude))]
            [Train(Batch = 2, Steps = 3)]
            public partial class WithUserTerm
            {
            }
            """;

        var result = GeneratorHarness.Run([], [source]);

        GeneratedCodeCompilesTests.AssertCompiles(result, source);
        string generated = result.GeneratedSources.Single(s => s.HintName == "Lab.WithUserTerm.Experiment.g.cs").SourceText.ToString();
        Assert.Contains("new global::Lab.LogitMagnitude(),", generated);
        Assert.Contains("Type: \"Lab.LogitMagnitude\"", generated);
    }

    static string ClassBody(string source) => GeneratorHarness.BodyWithoutDeclaration(source);
}
