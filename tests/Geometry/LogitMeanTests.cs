using DslRunner.Geometry;
using DslRunner.Native;

namespace DslRunner.Tests.Geometry;

public class LogitMeanTests
{
    public LogitMeanTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void IsTheAbsoluteValueOfTheMeanLogit()
    {
        var model = new ConstantLogitsModel(vocabularySize: 5, context: 4, logit: -2.5f);
        int[] heldOut = Enumerable.Range(0, 40).Select(i => i % 5).ToArray();

        Assert.Equal(2.5, LogitMean.MeasureAbsolute(model, heldOut, batch: 3, maxBatches: 2), 1e-9);
    }

    [Fact]
    public void AveragesOverEveryPositionAndVocabularyEntry()
    {
        using var model = TestModels.TinyGpt(seed: 3);
        int[] heldOut = Enumerable.Range(0, 60).Select(i => i * 7 % 11).ToArray();

        double measured = LogitMean.MeasureAbsolute(model, heldOut, batch: 2, maxBatches: 3);

        double sum = 0;
        long count = 0;
        model.eval();
        using (TorchSharp.torch.no_grad())
        {
            foreach (var (inputs, _) in DslRunner.Data.BatchSampler.Sequential(heldOut, model.Context, 2, 3))
            {
                using var logits = model.call(inputs);
                sum += logits.to_type(TorchSharp.torch.ScalarType.Float64).sum().item<double>();
                count += logits.numel();
            }
        }
        Assert.Equal(Math.Abs(sum / count), measured, 1e-9);
        Assert.True(measured > 0);
    }
}
