using DslRunner.Config;
using DslRunner.Geometry;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Tests.Decoding;
using DslRunner.Tests.Geometry;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Training;

public sealed class EvalProbesTests
{
    static readonly TrainConfig Train = TestExperiment.Tiny().Train with { Batch = 2, EvalBatches = 2 };
    static readonly int[] HeldOut = [.. Enumerable.Range(0, 80).Select(i => i % 11)];
    static readonly string[] AllNames = [.. EvalProbes.Keys.Keys];

    static EvalConfig Listing(params string[] names) => new(names, []);

    [Fact]
    public void Every_metric_the_schema_offers_is_one_the_runtime_measures()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(
            Path.Combine(Snapshot.RepositoryRoot(), "generator", "build", "experiment.schema.json")));
        var offered = schema.RootElement.GetProperty("$defs").GetProperty("eval").GetProperty("properties")
            .GetProperty("metrics").GetProperty("items").GetProperty("oneOf").EnumerateArray()
            .Select(choice => choice.GetProperty("const").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(AllNames.Order(StringComparer.Ordinal), offered);
    }

    [Fact]
    public void The_generator_knows_the_same_figures_for_each_metric_as_the_runtime_records()
    {
        var generator = DslRunner.Generator.Schema.ExperimentSchema.MetricFigures;

        Assert.Equal(EvalProbes.Keys.Keys.Order(StringComparer.Ordinal), generator.Keys.Order(StringComparer.Ordinal));
        Assert.All(EvalProbes.Keys, entry => Assert.Equal(entry.Value, generator[entry.Key]));
    }

    [Fact]
    public void Each_listed_metric_adds_its_figures_and_an_unlisted_one_adds_none()
    {
        using var model = TestModels.TinyGpt(head: OutputHead.Dot);
        var config = TestModels.TinyTransformer(OutputHead.Dot);

        var none = EvalProbes.Measure(model, Listing(), Train, HeldOut, pruner: null)
            .Concat(EvalProbes.Analytic(config, model, Listing())).Select(v => v.Key).ToList();
        Assert.Equal(["loss"], none);

        foreach (string name in AllNames)
        {
            var produced = EvalProbes.Measure(model, Listing(name), Train, HeldOut, pruner: null)
                .Concat(EvalProbes.Analytic(config, model, Listing(name))).Select(v => v.Key).ToHashSet();
            Assert.All(EvalProbes.Keys[name], key => Assert.Contains(key, produced));
            var others = EvalProbes.Keys.Where(k => k.Key != name).SelectMany(k => k.Value);
            Assert.All(others, key => Assert.DoesNotContain(key, produced));
        }
    }

    [Fact]
    public void Listed_figures_have_their_definitions()
    {
        using var model = TestModels.TinyGpt(head: OutputHead.Dot);

        var values = EvalProbes.Measure(model, Listing(AllNames), Train, HeldOut, pruner: null);
        var analytic = EvalProbes.Analytic(TestModels.TinyTransformer(), model, Listing(AllNames));

        Assert.Equal(Math.Exp(values["loss"]), values["perplexity"]);
        Assert.Equal(Capacity.Measure(model.TokenVectors), values["capacity"]);
        Assert.Equal(Capacity.Measure(model.OutputVectors!), values["capacity_output"]);
        Assert.True(values["logit_mean_abs"] >= 0);
        Assert.Equal(2, analytic["possibilities_per_unit"]);
        Assert.Equal(Math.Log(2 * 8) / Math.Log(11), analytic["dependency_length_analytic"], 1e-12);
    }

    [Fact]
    public void Entropy_is_the_mean_entropy_of_the_next_token_distribution()
    {
        TorchRuntime.EnsureLoaded();
        // Every row uniform over the 11 tokens: ln 11 nats at every position.
        using var uniform = new TableLanguageModel([.. Enumerable.Range(0, 11).Select(_ => Enumerable.Repeat(1.0 / 11, 11).ToArray())], context: 8);
        // Every token followed by one certain successor: no uncertainty left.
        using var certain = TableLanguageModel.FromRows(11, [.. Enumerable.Range(0, 11).Select(t => (t, new[] { ((t + 1) % 11, 1.0) }))]);

        Assert.Equal(Math.Log(11), EvalProbes.Measure(uniform, Listing("entropy"), Train, HeldOut, pruner: null)["entropy"], 6);
        Assert.InRange(EvalProbes.Measure(certain, Listing("entropy"), Train, HeldOut, pruner: null)["entropy"], 0, 1e-3);
    }

    [Fact]
    public void A_tied_model_has_no_separate_output_capacity()
    {
        using var model = TestModels.TinyGpt(head: OutputHead.Tied);

        var values = EvalProbes.Measure(model, Listing(EvalProbes.Capacity), Train, HeldOut, pruner: null);

        Assert.DoesNotContain("capacity_output", values.Keys);
    }

    [Fact]
    public void The_cost_figures_follow_six_N_D()
    {
        using var model = TestModels.TinyGpt();

        var values = GeometryMetrics.Describe(model, tokensSeen: 1000);

        Assert.Equal(model.ParameterCount, values["parameters"]);
        Assert.Equal(6.0 * model.ParameterCount * 1000, values["training_flops"]);
    }
}
