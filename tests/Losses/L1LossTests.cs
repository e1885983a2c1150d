using DslRunner.Config;
using DslRunner.Losses;
using DslRunner.Tests.Geometry;
using static TorchSharp.torch;

namespace DslRunner.Tests.Losses;

public class L1LossTests
{
    [Fact]
    public void SumsAbsoluteWeightsOfMatricesOnly()
    {
        using var model = TestModels.TinyGpt();
        using (no_grad())
            foreach (var parameter in model.parameters().Where(p => p.dim() < 2)) parameter.fill_(5); // would dominate if counted
        var loss = new L1Loss(new L1Config(Weight: 0.01));

        using var value = loss.Compute(CapacityLossTests.Inputs(model, step: 1));

        double expected = 0;
        foreach (var parameter in model.parameters().Where(p => p.dim() >= 2))
            expected += parameter.abs().sum().to_type(ScalarType.Float64).item<double>();
        Assert.Equal("l1", loss.Name);
        Assert.Equal(0.01 * expected, value.item<float>(), 1e-4);
    }

    [Fact]
    public void GradientIsTheWeightTimesTheSignOfEachMatrixEntry()
    {
        using var model = TestModels.TinyGpt();
        var loss = new L1Loss(new L1Config(Weight: 0.5));

        using (var value = loss.Compute(CapacityLossTests.Inputs(model, step: 1))) value.backward();

        foreach (var parameter in model.parameters())
        {
            if (parameter.dim() >= 2)
                Assert.True((parameter.grad! - 0.5 * parameter.sign()).abs().max().item<float>() < 1e-7);
            else
                Assert.True(parameter.grad is null || parameter.grad.abs().max().item<float>() == 0);
        }
    }

    [Fact]
    public void EachTermIsReportedUnderItsOwnName()
    {
        using var model = TestModels.TinyGpt();
        var composite = new CompositeLoss([new CrossEntropyLoss(), new CapacityLoss(new CapacityLossConfig(1, 0.9, 0)), new L1Loss(new L1Config(1e-3))]);
        using var tokens = randint(0, 11, [2, 8]);

        var value = composite.Compute(new LossInputs(model.call(tokens), tokens, model, 1));

        Assert.Equal(["cross_entropy", "capacity", "l1"], value.Terms.Select(t => t.Name));
        Assert.Equal(value.Terms.Sum(t => t.Value.item<float>()), value.Total.item<float>(), 1e-4);
    }
}
