using DslRunner.Config;
using DslRunner.Data;

namespace DslRunner.Tests.Data;

/// <summary>data.recall_share: how much of the synthetic text is keep/recall episodes.</summary>
public class RecallShareTests
{
    static int Episodes(double? share) =>
        SyntheticCorpus.Generate(seed: 5, minimumCharacters: 40_000, share ?? SyntheticCorpus.DefaultRecallShare).Dependencies.Count;

    [Fact]
    public void TheDefaultShareWritesTheTextItAlwaysWrote()
    {
        var text = SyntheticCorpus.Generate(seed: 5, minimumCharacters: 5_000);
        Assert.Equal(text.Text, SyntheticCorpus.Generate(seed: 5, minimumCharacters: 5_000, recallShare: 0.25).Text);
        Assert.Equal(0.25, SyntheticCorpus.RecallShareOf(new DataConfig(CorpusKind.Synthetic, 1_000, 0.1, 0.1, null)));
    }

    [Fact]
    public void AHigherSharePlantsMoreEpisodesInTheSameAmountOfText()
    {
        int quarter = Episodes(null), half = Episodes(0.5), all = Episodes(1.0);

        // An episode holds its filler sentences (3 on average), so episodes per sentence go 0.25 / 1.75, 0.5 / 2.5,
        // 1 / 4 for shares 0.25, 0.5, 1: the count grows less than the share does, but it grows.
        Assert.InRange(half, 1.15 * quarter, 1.6 * quarter);
        Assert.InRange(all, 1.1 * half, 1.4 * half);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AShareOutsideZeroToOneIsRefused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCorpus.Generate(seed: 5, minimumCharacters: 100, share));

    [Fact]
    public void TheDataPipelineReadsTheDeclaredShareAndCachesItApart()
    {
        using var folder = new ScratchFolder();
        var data = new DataConfig(CorpusKind.Synthetic, 6_000, 0.1, 0.1, null);
        var tokenizer = new TokenizerConfig(TokenizerKind.Char, 0);

        var plain = DataPipeline.Prepare(data, tokenizer, seed: 7, new DataOptions(folder.Path));
        var dense = DataPipeline.Prepare(data with { RecallShare = 0.75 }, tokenizer, seed: 7, new DataOptions(folder.Path));
        var again = DataPipeline.Prepare(data with { RecallShare = 0.75 }, tokenizer, seed: 7, new DataOptions(folder.Path));

        string Text(PreparedData prepared) => prepared.Tokenizer.Decode(prepared.Splits.Train);
        Assert.Equal(SyntheticCorpus.Generate(7, 10_000, 0.75).Text[..Text(dense).Length], Text(dense));
        Assert.NotEqual(Text(plain), Text(dense));
        Assert.True(again.FromCache);
        Assert.Equal(Text(dense), Text(again));
    }
}
