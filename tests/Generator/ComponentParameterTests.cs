using DslRunner.Config;

namespace DslRunner.Tests.Generator;

/// <summary>
/// Parameters of C# components, <c>[LossTerm(typeof(T), "beta=0.1")]</c>: bound to a constructor parameter or a settable
/// property at build time, constructed so by the generated code, recorded in the config; a mistake is the component's
/// diagnostic at the parameters.
/// </summary>
public sealed class ComponentParameterTests
{
    const string Components = """
        using System.Collections.Generic;
        using DslRunner.Config;
        using DslRunner.Declarations;
        using DslRunner.Decoding;
        using DslRunner.Losses;
        using DslRunner.Models;
        using DslRunner.Training;
        using TorchSharp;

        namespace Lab;

        public sealed class Penalty(double beta, int every = 1) : LossTerm
        {
            public double Beta => beta;
            public int Every => every;
            public string Label { get; set; } = "";
            public override string Name => "penalty";
            public override torch.Tensor Compute(LossInputs inputs) => inputs.Logits.abs().mean();
        }

        public sealed class Nth : EvalMetric
        {
            public int N { get; init; } = 1;
            public override string Name => "nth";
            public override double Measure(EvalMetricInputs inputs) => N;
        }

        public sealed class Short(int tokens) : IDecoder
        {
            readonly GreedyDecoder inner = new(tokens);
            public string Key => "short" + tokens;
            public string Name => "greedy, short";
            public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null) =>
                inner.DecodeBatch(model, prompts, seeds);
        }
        """;

    static string Experiment(string components) => Components + $$"""

        [Experiment("parameterised")]
        [Data(Tokens = 6000)]
        [Transformer(Layers = 1, DModel = 16, Heads = 2, Context = 8)]
        [Train(Batch = 2, Steps = 2, EvalEvery = 2, EvalBatches = 1)]
        [Eval(Prompts = new[] { "the " })]
        {{components}}
        public partial class Parameterised { }
        """;

    [Fact]
    public void Parameters_bind_to_constructor_parameters_and_properties_and_are_recorded()
    {
        string source = Experiment("""
            [LossTerm(typeof(Penalty), "beta=0.25", "Label=soft")]
            [Metric(typeof(Nth), "N=3")]
            [Decoder(typeof(Short), "tokens=4")]
            """);

        var result = GeneratorHarness.Run([], [source]);

        var experiment = Assert.Single(GeneratedAssembly.Registry(GeneratedAssembly.Load(GeneratedCodeCompilesTests.AssertCompiles(result, source))));
        string generated = result.GeneratedSources.Single(s => s.HintName.Contains("Parameterised", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("new global::Lab.Penalty(beta: 0.25) { Label = \"soft\" },", generated);
        Assert.Contains("new global::Lab.Nth() { N = 3 },", generated);
        Assert.Equal(new CustomLossConfig("Lab.Penalty", "beta=0.25, Label=soft"), experiment.Config.Loss[^1]);
        Assert.Equal(new CustomDecoderConfig("Lab.Short", "short4", "tokens=4"), experiment.Config.Decode.Single());
        object penalty = experiment.BuildLoss().Terms[^1];
        Assert.Equal(0.25, (double)penalty.GetType().GetProperty("Beta")!.GetValue(penalty)!);
        Assert.Equal("soft", (string)penalty.GetType().GetProperty("Label")!.GetValue(penalty)!);
        Assert.Equal(3.0, experiment.BuildMetrics().Single().Measure(null!));
        Assert.Equal("short4", experiment.BuildDecoders().Single().Key);
    }

    [Theory]
    [InlineData("[LossTerm(typeof(Penalty))]", "Loss term type 'Lab.Penalty' needs a public parameterless constructor, or parameters declared for its constructor")]
    [InlineData("[LossTerm(typeof(Penalty), \"betta=0.1\")]", "Loss term type 'Lab.Penalty' has no constructor parameter or settable property 'betta'; did you mean 'beta'? (it has: beta, every, Label)")]
    [InlineData("[LossTerm(typeof(Penalty), \"beta=high\")]", "Loss term type 'Lab.Penalty' declares 'beta' = 'high', but 'beta' is a number")]
    [InlineData("[LossTerm(typeof(Penalty), \"every=2\")]", "Loss term type 'Lab.Penalty' needs the constructor parameter 'beta'")]
    [InlineData("[LossTerm(typeof(Penalty), \"beta\")]", "Loss term type 'Lab.Penalty' has a parameter 'beta' that is not name=value")]
    [InlineData("[Metric(typeof(Nth), \"N=1.5\")]", "Metric type 'Lab.Nth' declares 'N' = '1.5', but 'N' is an integer")]
    [InlineData("[Decoder(typeof(Short))]", "Decoder type 'Lab.Short' needs a public parameterless constructor")]
    public void A_parameter_the_type_cannot_take_is_a_build_error_at_the_parameters(string components, string message)
    {
        var result = GeneratorHarness.Run([], [Experiment(components)]);

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith(message, error.GetMessage());
    }
}
