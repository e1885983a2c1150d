using DslRunner.Runs;
using DslRunner.Tests.Generator;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Catalog;

/// <summary>
/// Metrics and decoders written in C# (<c>[Metric(typeof(T))]</c>, <c>[Decoder(typeof(T))]</c>): the generated code
/// constructs them directly, and their figures land in metrics.jsonl, the report and <c>diff</c> like built-in ones.
/// </summary>
public sealed class CSharpComponentTests
{
    const string Source = """
        using System.Collections.Generic;
        using DslRunner.Config;
        using DslRunner.Declarations;
        using DslRunner.Decoding;
        using DslRunner.Models;
        using DslRunner.Training;

        namespace Lab;

        /// <summary>The model's own parameter count, read through the inputs (the built-in "parameters" must equal it).</summary>
        public sealed class OwnParameterCount : EvalMetric
        {
            public override string Name => "own_parameter_count";
            public override double Measure(EvalMetricInputs inputs) => inputs.Model.ParameterCount;
        }

        public sealed class TestTokenCount : EvalMetric
        {
            public override string Name => "test_token_count";
            public override double Measure(EvalMetricInputs inputs) => inputs.TestTokens.Length;
        }

        /// <summary>Greedy decoding under a key of its own.</summary>
        public sealed class HouseGreedy : IDecoder
        {
            readonly GreedyDecoder inner = new(5);
            public string Key => "house_greedy";
            public string Name => "greedy, the house's way";
            public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null) =>
                inner.DecodeBatch(model, prompts, seeds);
        }

        [Experiment("with-user-metric-and-decoder", Seed = 5)]
        [Data(Tokens = 6000)]
        [Transformer(Layers = 1, DModel = 16, Heads = 2, Context = 8)]
        [Train(Batch = 2, Steps = 2, EvalEvery = 2, EvalBatches = 1)]
        [Eval(Metrics = new[] { "perplexity" }, Prompts = new[] { "the " })]
        [Metric(typeof(OwnParameterCount))]
        [GreedyDecoder(MaxTokens = 5)]
        [Decoder(typeof(HouseGreedy))]
        [TopPDecoder(MaxTokens = 5, Name = "nucleus")]
        [Metric(typeof(TestTokenCount))]
        public partial class WithUserMetricAndDecoder
        {
        }
        """;

    static IExperiment Compile(out string generated)
    {
        var result = GeneratorHarness.Run([], [Source]);
        var assembly = GeneratedAssembly.Load(GeneratedCodeCompilesTests.AssertCompiles(result, Source));
        generated = result.GeneratedSources.Single(s => s.HintName == "Lab.WithUserMetricAndDecoder.Experiment.g.cs").SourceText.ToString();
        return Assert.Single(GeneratedAssembly.Registry(assembly));
    }

    [Fact]
    public void The_generated_code_constructs_C_sharp_metrics_and_decoders_directly_and_records_their_types()
    {
        var experiment = Compile(out string generated);

        Assert.Contains("new global::Lab.OwnParameterCount(),", generated);
        Assert.Contains("new global::Lab.HouseGreedy(),", generated);
        Assert.Contains("public static global::DslRunner.Config.CustomDecoderConfig HouseGreedyDecoding { get; } = new(", generated);
        // The built-in figure listed first, then each C# metric where its attribute stands.
        Assert.Equal(["perplexity", "Lab.OwnParameterCount", "Lab.TestTokenCount"], experiment.Config.Eval.Metrics);
        // A declared name keys a catalog decoder's metrics in C# as in YAML.
        Assert.Equal(["greedy", "house_greedy", "nucleus"], experiment.BuildDecoders().Select(d => d.Key));
        Assert.Equal(["greedy", "house_greedy", "nucleus"], experiment.Config.Decode.Select(d => d.Key));
        Assert.False(ConfiguredExperiment.CanBuild(experiment.Config));
    }

    [Fact]
    public void Their_figures_are_in_metrics_jsonl_the_report_and_diff_like_built_in_ones()
    {
        var experiment = Compile(out _);
        using var root = new TempFolder();

        var first = ExperimentRunner.Run(experiment, root.Path, SilentProgress.Instance);
        var second = ExperimentRunner.Run(experiment, root.Path, SilentProgress.Instance);

        var test = MetricsLog.Read(Path.Combine(first.Folder!, RunFileNames.Metrics)).Single(r => r.Split == "test").Values;
        Assert.Equal(test["parameters"], test["own_parameter_count"]);
        Assert.True(test["test_token_count"] > 0);
        Assert.Contains("decode/house_greedy/distinct_1", test.Keys);
        Assert.Equal(test["decode/greedy/distinct_1"], test["decode/house_greedy/distinct_1"]);
        Assert.DoesNotContain("capacity", test.Keys);

        string report = File.ReadAllText(RunReportPath(first.Folder!));
        Assert.Contains("own_parameter_count", report);
        Assert.Contains("house_greedy (greedy, the house's way)", report);

        var diff = ExperimentDiff.Between(DiffSide.FromRun(first.Folder!), DiffSide.FromRun(second.Folder!));
        var count = Assert.Single(diff.Metrics, m => m.Metric.EndsWith("test_token_count", StringComparison.Ordinal));
        Assert.Equal(count.Left, count.Right);
    }

    static string RunReportPath(string folder) => RunReport.Write(folder);
}
