using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Data.Corpora;

namespace DslRunner.Tests.Data;

/// <summary>data.recall_names: keys of the synthetic text's keep/recall episodes as spans of several names.</summary>
public class RecallNamesTests
{
    [Fact]
    public void OneNameWritesTheTextItAlwaysWrote()
    {
        Assert.Equal(SyntheticCorpus.Generate(seed: 5, minimumCharacters: 5_000).Text,
            SyntheticCorpus.Generate(seed: 5, minimumCharacters: 5_000, recallNames: 1).Text);
        Assert.Equal(1, SyntheticCorpus.RecallNamesOf(new DataConfig(CorpusKind.Synthetic, 1_000, 0.1, 0.1, null)));
    }

    [Fact]
    public void EveryKeyIsASpanOfOneToTheDeclaredNamesAndIsRecalledWhole()
    {
        var text = SyntheticCorpus.Generate(seed: 5, minimumCharacters: 60_000, recallShare: 1, recallNames: 4);
        var names = SyntheticLexicon.Of(5).Names.ToHashSet();

        var spans = text.Dependencies.Select(d => (Kept: text.Text.Substring(d.Source, d.Length), Recalled: text.Text.Substring(d.Target, d.Length))).ToList();

        Assert.All(spans, s => Assert.Equal(s.Kept, s.Recalled));
        Assert.All(spans, s => Assert.All(s.Kept.Split(' '), name => Assert.Contains(name, names)));
        Assert.Equal([1, 2, 3, 4], spans.Select(s => s.Kept.Split(' ').Length).Distinct().Order());
        Assert.All(text.Dependencies, d => Assert.Equal(". ", text.Text.Substring(d.Target + d.Length, 2)));
    }

    [Fact]
    public void FewerThanOneNameIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCorpus.Generate(seed: 5, minimumCharacters: 100, recallNames: 0));

    [Fact]
    public void TheCorpusReadsTheDeclaredNamesAndIsCachedApart()
    {
        var data = new DataConfig(CorpusKind.Synthetic, 6_000, 0.1, 0.1, null);
        var plain = CorpusCatalog.Open(data, DataOptions.Default);
        var spans = CorpusCatalog.Open(data with { RecallNames = 3 }, DataOptions.Default);

        Assert.Equal(plain.Identity + ":recall-names-3", spans.Identity);
        Assert.Equal(SyntheticCorpus.Generate(7, 10_000, SyntheticCorpus.DefaultRecallShare, 3).Text, spans.ReadText(7, 10_000));
        Assert.NotEqual(plain.ReadText(7, 10_000), spans.ReadText(7, 10_000));
    }
}
