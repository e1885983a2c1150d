using DslRunner.Config;
using DslRunner.Geometry;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Tests.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Tests.Losses;

public class CapacityLossTests
{
    [Fact]
    public void ValueIsTheWeightTimesTheSquaredGapBetweenInverseCapacities()
    {
        using var model = TestModels.TinyGpt();
        var loss = new CapacityLoss(new CapacityLossConfig(Weight: 0.7, Target: 0.9, Warmup: 0));

        using var value = loss.Compute(Inputs(model, step: 5));

        double capacity = Capacity.Measure(model.TokenVectors);
        Assert.Equal("capacity", loss.Name);
        Assert.Equal(0.7 * Math.Pow(1 / capacity - 1 / 0.9, 2), value.item<float>(), 1e-5);
    }

    [Fact]
    public void TheWeightRampsLinearlyOverTheWarmupThenStaysConstant()
    {
        var loss = new CapacityLoss(new CapacityLossConfig(Weight: 2, Target: 0.8, Warmup: 10));

        Assert.Equal([0.0, 0.2, 1.0, 2.0, 2.0], new[] { 0, 1, 5, 10, 50 }.Select(loss.WeightAt));
    }

    [Fact]
    public void WithoutWarmupTheWeightIsConstantFromTheFirstStep()
    {
        var loss = new CapacityLoss(new CapacityLossConfig(Weight: 2, Target: 0.8, Warmup: 0));

        Assert.Equal([2.0, 2.0, 2.0], new[] { 0, 1, 100 }.Select(loss.WeightAt));
    }

    [Fact]
    public void GradientReachingTheTokenVectorsMatchesFiniteDifferences()
    {
        using var model = TestModels.TinyGpt(seed: 7);
        model.to(ScalarType.Float64);
        var loss = new CapacityLoss(new CapacityLossConfig(Weight: 0.7, Target: 0.95, Warmup: 10));
        var inputs = Inputs(model, step: 4); // λ = 0.28 during the warm-up
        var vectors = model.TokenVectors;
        Assert.Equal(ScalarType.Float64, vectors.dtype);

        model.zero_grad();
        using (var value = loss.Compute(inputs)) value.backward();
        double[] analytic = vectors.grad!.data<double>().ToArray();

        const double step = 1e-6;
        var numeric = new double[analytic.Length];
        using (no_grad())
        {
            var flat = vectors.view(-1);
            for (int i = 0; i < numeric.Length; i++)
            {
                double original = flat[i].item<double>();
                flat[i] = original + step;
                double above = Value(loss, inputs);
                flat[i] = original - step;
                double below = Value(loss, inputs);
                flat[i] = original;
                numeric[i] = (above - below) / (2 * step);
            }
        }

        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3);
        for (int i = 0; i < analytic.Length; i++)
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-6 * Math.Max(1, Math.Abs(numeric[i])),
                $"entry {i}: autograd {analytic[i]}, finite difference {numeric[i]}");
    }

    [Fact]
    public void RejectsATargetOutsideTheCapacityRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CapacityLoss(new CapacityLossConfig(1, Target: 0, Warmup: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CapacityLoss(new CapacityLossConfig(1, Target: 1.5, Warmup: 0)));
    }

    static double Value(CapacityLoss loss, LossInputs inputs)
    {
        using var value = loss.Compute(inputs);
        return value.item<double>();
    }

    internal static LossInputs Inputs(LanguageModel model, int step) =>
        new(zeros(1, 1, model.VocabularySize), zeros(new long[] { 1, 1 }, ScalarType.Int64), model, step);
}
