using DslRunner.Config;
using DslRunner.Geometry;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Tests.Decoding;
using DslRunner.Tests.Geometry;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using DslRunner.Training.Measures;

namespace DslRunner.Tests.Training;

public sealed class EvalProbesTests
{
    static readonly TrainConfig Train = TestExperiment.Tiny().Train with { Batch = 2, EvalBatches = 2 };
    static readonly int[] HeldOut = [.. Enumerable.Range(0, 80).Select(i => i % 11)];
    static readonly string[] AllNames = [.. EvalProbes.Keys.Keys];

    static EvalConfig Listing(params string[] names) => new(names, []);

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
        Assert.Equal(MeanPairwiseCosineDistance(model.TokenVectors), values["capacity"], 1e-12);
        Assert.Equal(MeanPairwiseCosineDistance(model.OutputVectors!), values["capacity_output"], 1e-12);
        Assert.True(values["logit_mean_abs"] > 0);
        Assert.Equal(2, analytic["possibilities_per_unit"]);
        Assert.Equal(Math.Log(2 * 8) / Math.Log(11), analytic["dependency_length_analytic"], 1e-12);
    }

    /// <summary>Seed 000's C by its definition, pair by pair in doubles: (1/n²)·Σ_{i,j} (1 − cos(v_i, v_j)).</summary>
    static double MeanPairwiseCosineDistance(TorchSharp.torch.Tensor vectors)
    {
        using var copy = vectors.detach().cpu().to_type(TorchSharp.torch.ScalarType.Float64);
        double[] flat = copy.data<double>().ToArray();
        int n = (int)vectors.shape[0], d = (int)vectors.shape[1];
        double total = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dot = 0, ii = 0, jj = 0;
                for (int k = 0; k < d; k++)
                {
                    dot += flat[i * d + k] * flat[j * d + k];
                    ii += flat[i * d + k] * flat[i * d + k];
                    jj += flat[j * d + k] * flat[j * d + k];
                }
                total += 1 - dot / Math.Sqrt(ii * jj);
            }
        return total / ((double)n * n);
    }

    [Fact]
    public void The_mean_logit_scales_with_the_output_vectors_and_vanishes_without_them()
    {
        // A dot head has no bias: the logits are h·Wᵀ, so doubling W doubles every product exactly (a power of two) and
        // its mean with it; negating W keeps |mean|; zero W gives zero logits.
        using var model = TestModels.TinyGpt(head: OutputHead.Dot);
        double Measure() => EvalProbes.Measure(model, Listing("logit_mean_abs"), Train, HeldOut, pruner: null)["logit_mean_abs"];
        double original = Measure();
        using var noGrad = TorchSharp.torch.no_grad();

        model.OutputVectors!.mul_(2);
        double doubled = Measure();
        model.OutputVectors!.neg_();
        double negated = Measure();
        model.OutputVectors!.zero_();
        double zero = Measure();

        Assert.True(original > 0);
        Assert.Equal(2 * original, doubled);
        Assert.Equal(doubled, negated);
        Assert.Equal(0, zero);
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

        var values = EvalProbes.Measure(model, Listing("capacity"), Train, HeldOut, pruner: null);

        Assert.DoesNotContain("capacity_output", values.Keys);
    }

    [Fact]
    public void The_cost_figures_follow_six_N_D()
    {
        using var model = TestModels.TinyGpt();

        var values = new Dictionary<string, double>();
        new ModelCostMeasure().Measure(new ProbeInput(model) { TokensSeen = 1000 }, values);

        Assert.Equal(model.ParameterCount, values["parameters"]);
        Assert.Equal(6.0 * model.ParameterCount * 1000, values["training_flops"]);
    }
}
