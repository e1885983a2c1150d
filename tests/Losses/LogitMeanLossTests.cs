using DslRunner.Losses;
using DslRunner.Native;
using DslRunner.Tests.Geometry;
using TorchSharp;

namespace DslRunner.Tests.Losses;

public sealed class LogitMeanLossTests
{
    [Fact]
    public void The_term_is_the_weighted_absolute_mean_logit_and_its_gradient_pulls_the_mean_to_zero()
    {
        TorchRuntime.EnsureLoaded();
        using var model = TestModels.TinyGpt();
        using var logits = torch.tensor(new float[] { 1, 2, 3, 6 }).view(1, 1, 4).requires_grad_();
        using var targets = torch.zeros(1, 1, dtype: torch.int64);

        using var value = new LogitMeanLoss(new LogitMeanConfig(Weight: 0.5)).Compute(new LossInputs(logits, targets, model, Step: 1));
        value.backward();

        Assert.Equal(0.5 * 3, value.item<float>(), 5);
        // d(0.5·|mean|)/d logit = 0.5 · sign(mean) / 4 for each of the four logits: every gradient step lowers the mean.
        Assert.All(logits.grad!.data<float>().ToArray(), gradient => Assert.Equal(0.125f, gradient, 6));
    }

    [Fact]
    public void A_negative_weight_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogitMeanLoss(new LogitMeanConfig(Weight: -1)));
    }
}
