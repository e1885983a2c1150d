using Microsoft.CodeAnalysis;

namespace DslRunner.Tests.Generator;

/// <summary>DSL0033: decoders with no prompts decode nothing; the experiment builds, with a warning at its decoders.</summary>
public sealed class DecodersWithoutPromptsTests
{
    const string Yaml = """
        experiment: silent-decoders
        data: { tokens: 10000 }
        model: { kind: transformer, layers: 1, d_model: 32, heads: 4, context: 16 }
        train: { batch: 4, steps: 10 }
        decode:
          - greedy: { max_tokens: 8 }
        """;

    const string CSharp = """
        using DslRunner.Config;
        using DslRunner.Declarations;

        [Experiment("silent-decoders-cs")]
        [Data(Tokens = 10000)]
        [Transformer(Layers = 1, DModel = 32, Heads = 4, Context = 16)]
        [Train(Batch = 4, Steps = 10)]
        [GreedyDecoder(MaxTokens = 8)]
        [BeamDecoder(MaxTokens = 8, Width = 2)]
        public partial class SilentDecoders { }
        """;

    [Fact]
    public void A_yaml_experiment_with_decoders_and_no_prompts_builds_with_a_warning_at_its_decoders()
    {
        var result = GeneratorHarness.Run(("silent.experiment.yaml", Yaml));

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0033", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith("a decoder is declared, but eval.prompts is empty: nothing is decoded", warning.GetMessage());
        Assert.Equal(6, warning.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains(result.GeneratedSources, s => s.HintName.StartsWith("SilentDecoders", StringComparison.Ordinal));
    }

    [Fact]
    public void A_csharp_experiment_with_decoders_and_no_prompts_builds_with_the_same_warning()
    {
        var result = GeneratorHarness.Run([], [CSharp]);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DSL0033", warning.Id);
        Assert.StartsWith("2 decoders are declared, but eval.prompts is empty", warning.GetMessage());
        Assert.Contains(result.GeneratedSources, s => s.HintName.StartsWith("SilentDecoders", StringComparison.Ordinal));
    }

    [Fact]
    public void Prompts_or_no_decoders_give_no_warning()
    {
        Assert.Empty(GeneratorHarness.Run(("p.experiment.yaml", Yaml + "\neval: { prompts: [\"the \"] }\n")).Diagnostics);
        Assert.Empty(GeneratorHarness.Run(("n.experiment.yaml", Yaml[..Yaml.IndexOf("decode:", StringComparison.Ordinal)])).Diagnostics);
    }
}
