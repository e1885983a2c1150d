using DslRunner.Config;
using DslRunner.Tests.Infrastructure;
using DslRunner.Losses;
using DslRunner.Models;

namespace DslRunner.Tests.Generator;

/// <summary>extends, every loss term and decoder, sparsity, variants and a sweep: emitted, compiled and loaded.</summary>
public sealed class FullSchemaTests
{
    static readonly string DeclarationsFolder = Path.Combine(Snapshot.RepositoryRoot(), "tests", "Generator", "Declarations");

    static Microsoft.CodeAnalysis.GeneratorRunResult Run(params string[] names) =>
        GeneratorHarness.Run(names.Select(n => (Path.Combine(DeclarationsFolder, n), File.ReadAllText(Path.Combine(DeclarationsFolder, n)))).ToArray());

    [Fact]
    public void An_experiment_with_extends_variants_and_a_sweep_matches_its_snapshot()
    {
        var result = Run("base.experiment.yaml", "capacity-constrained.experiment.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("Base", StringComparison.Ordinal));
        Snapshot.Match(result.GeneratedSources.Single(s => s.HintName == "CapacityConstrained.g.cs").SourceText.ToString(),
            "Generator/CapacityConstrained.g.verified.txt");
    }

    [Fact]
    public void Variants_and_sweep_points_are_registered_experiments_with_their_overrides()
    {
        var result = Run("base.experiment.yaml", "capacity-constrained.experiment.yaml");
        var assembly = GeneratedAssembly.Load(GeneratedCodeCompilesTests.AssertCompiles(result));

        var experiments = GeneratedAssembly.Registry(assembly).ToDictionary(e => e.Config.Name);

        Assert.Equal(
            ["capacity-constrained", "capacity-constrained.baseline", "capacity-constrained.constrained",
             "capacity-constrained@weight=0.01", "capacity-constrained@weight=0.1", "capacity-constrained@weight=1"],
            GeneratedAssembly.Registry(assembly).Select(e => e.Config.Name));
        var main = experiments["capacity-constrained"].Config;
        Assert.Equal(20000, main.Data.Tokens);
        Assert.Equal(1234, main.Seed);
        Assert.Equal(new TransformerConfig(2, 64, 4, 32, OutputHead.Cosine, 0.0, 10.0), main.Model);
        Assert.Equal(new SparsityConfig(PruningMethod.Magnitude, 0.8, 50, 150, PruningScope.Global, 50), main.Sparsity);
        Assert.Equal(5, main.Decode.Count);

        var baseline = experiments["capacity-constrained.baseline"].Config;
        Assert.Equal(200000, baseline.Data.Tokens);
        Assert.IsType<CrossEntropyConfig>(Assert.Single(baseline.Loss));
        // An empty variant is the experiment itself under another name.
        var constrained = experiments["capacity-constrained.constrained"].Config;
        Assert.Equal(ConfigJson.Serialize(main with { Name = constrained.Name }), ConfigJson.Serialize(constrained));

        double[] lambdas = [.. new[] { "0.01", "0.1", "1" }.Select(l =>
            experiments["capacity-constrained@weight=" + l].Config.Loss.OfType<CapacityLossConfig>().Single().Weight)];
        Assert.Equal([0.01, 0.1, 1.0], lambdas);
    }

    [Fact]
    public void Names_and_prompts_with_quotes_comment_markers_braces_and_non_ascii_survive_exactly()
    {
        var result = Run("escaping.experiment.yaml");
        var assembly = GeneratedAssembly.Load(GeneratedCodeCompilesTests.AssertCompiles(result));

        var config = Assert.Single(GeneratedAssembly.Registry(assembly)).Config;

        Assert.Equal("say \"hi\" #region {0} * 诗歌 ∑ end", config.Name);
        Assert.Equal("back \\ slash, line one\nline two */ /* #if X {{ }} \t tab é 😀", config.Description);
        Assert.Equal(["\"quoted\"", "*/ closing", "#pragma warning disable", "{ brace", "newline\nhere", "诗"], config.Eval.Prompts);
        // Strings are written with ASCII escapes; only the class name keeps the letters C# allows in identifiers.
        var generated = result.GeneratedSources.Single(s => s.HintName != "ExperimentRegistry.g.cs" && s.HintName != "DslRunner.Declarations.g.cs");
        string className = generated.HintName[..^".g.cs".Length];
        Assert.Equal("SayHiRegion0诗歌End", className);
        Assert.All(generated.SourceText.ToString().Replace(className, ""), c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4} in the generated source"));
    }

    [Fact]
    public void An_lstm_experiment_builds_the_runtime_lstm_model_from_its_typed_config()
    {
        var result = GeneratorHarness.Run(("/project/lstm.experiment.yaml", """
            experiment: lstm
            data: { tokens: 10000 }
            model: { kind: lstm, embedding: 32, hidden: 32, layers: 2, context: 16, head: tied }
            train: { batch: 4, steps: 10 }
            """));

        Assert.Empty(result.Diagnostics);
        string source = result.GeneratedSources.Single(s => s.HintName == "Lstm.g.cs").SourceText.ToString();
        Assert.Contains("public static global::DslRunner.Models.LstmConfig Model { get; } = new(", source);
        Assert.Contains("BuildModel(int vocabularySize) => Model.Build(vocabularySize);", source);
        DslRunner.Native.TorchRuntime.EnsureLoaded();
        using var model = new DslRunner.Models.LstmConfig(8, 8, 1, 4, DslRunner.Config.OutputHead.Dot, 0).Build(vocabularySize: 11);
        Assert.IsType<DslRunner.Models.LstmModel>(model);
    }
}
