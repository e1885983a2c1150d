using DslRunner.Config;
using DslRunner.Geometry;
using DslRunner.Models;

namespace DslRunner.Tests.Geometry;

public class ExpressiveCapacityTests
{
    static readonly TransformerConfig Gpt2Small = new(Layers: 12, DModel: 768, Heads: 12, Context: 1024, Head: OutputHead.Tied, Dropout: 0.1, CosineScale: null);

    [Fact]
    public void TransformerDefaultsMToTheHeadCount()
    {
        var figures = ExpressiveCapacity.Of(Gpt2Small, vocabularySize: 50_257);

        Assert.Equal(12, figures.PossibilitiesPerUnit);
        Assert.Equal(12 * Math.Log(12 * 768), figures.LogTotalPossibilities, 1e-9);
        Assert.Equal(12 * Math.Log(12 * 768) / Math.Log(50_257), figures.DependencyLength, 1e-9);
        Assert.Equal(10.1197, figures.DependencyLength, 1e-4);
    }

    [Fact]
    public void LstmDefaultsMToItsFourGatesAndUsesTheHiddenSize()
    {
        var lstm = new LstmConfig(Embedding: 128, Hidden: 256, Layers: 2, Context: 64, Head: OutputHead.Dot, Dropout: 0);

        var figures = ExpressiveCapacity.Of(lstm, vocabularySize: 10_000);

        Assert.Equal(2 * Math.Log(4 * 256), figures.LogTotalPossibilities, 1e-9);
        Assert.Equal(2 * Math.Log(1024) / Math.Log(10_000), figures.DependencyLength, 1e-9);
    }

    [Fact]
    public void ADeclaredMReplacesTheDefault()
    {
        var figures = ExpressiveCapacity.Of(Gpt2Small, vocabularySize: 50_257, possibilitiesPerUnit: 1);

        Assert.Equal(12 * Math.Log(768) / Math.Log(50_257), figures.DependencyLength, 1e-9);
    }

    [Fact]
    public void RejectsAVocabularyTooSmallForALogarithmBase()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExpressiveCapacity.Of(Gpt2Small, vocabularySize: 1));
    }

    [Fact]
    public void TrainingFlopsAreSixTimesParametersTimesTokens()
    {
        Assert.Equal(6.0 * 124_000_000 * 1_000_000, TrainingCost.Flops(124_000_000, 1_000_000));
    }
}
