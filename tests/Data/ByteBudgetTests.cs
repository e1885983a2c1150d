using System.Text;
using DslRunner.Config;
using DslRunner.Data;

namespace DslRunner.Tests.Data;

/// <summary>data.bytes: the text and its splits are cut by bytes before tokenizing, so tokenizers read the same text.</summary>
public class ByteBudgetTests
{
    static readonly TokenizerConfig[] Tokenizers =
    [
        new(TokenizerKind.Char, 0), new(TokenizerKind.Word, 0), new(TokenizerKind.Bpe, 300), new(TokenizerKind.WordPiece, 200),
    ];

    [Fact]
    public void EveryTokenizerTrainsAndIsScoredOnTheSameBytes()
    {
        using var folder = new ScratchFolder();
        var data = new DataConfig(CorpusKind.Synthetic, null, 0.1, 0.1, null, Bytes: 20_000);
        var prepared = Tokenizers.Select(t => DataPipeline.Prepare(data, t, seed: 7, new DataOptions(folder.Path))).ToList();

        var texts = prepared[0].Texts!;
        Assert.All(prepared, p => Assert.Equal(texts, p.Texts));
        Assert.InRange(texts.TotalBytes, 20_000, 20_100);
        Assert.InRange(Encoding.UTF8.GetByteCount(texts.Train), texts.TotalBytes * 0.8, texts.TotalBytes * 0.8 + 100);
        Assert.InRange(Encoding.UTF8.GetByteCount(texts.Test), texts.TotalBytes * 0.1 - 100, texts.TotalBytes * 0.1);
        // Each split is its own text: decoding a split's tokens gives exactly that text back (the synthetic alphabet is ASCII).
        Assert.All(prepared.Where(p => p.Tokenizer.Name is "char" or "bpe" or "wordpiece"), p =>
        {
            Assert.Equal(texts.Train, p.Tokenizer.Decode(p.Splits.Train));
            Assert.Equal(texts.Test, p.Tokenizer.Decode(p.Splits.Test));
        });
        // …while the token counts differ: equal bytes are unequal tokens.
        Assert.Equal(4, prepared.Select(p => p.Splits.Train.Length).Distinct().Count());
    }

    [Fact]
    public void ATokenBudgetGivesEachTokenizerOtherText()
    {
        using var folder = new ScratchFolder();
        var data = new DataConfig(CorpusKind.Synthetic, 5_000, 0.1, 0.1, null);
        var chars = DataPipeline.Prepare(data, Tokenizers[0], seed: 7, new DataOptions(folder.Path));
        var bpe = DataPipeline.Prepare(data, Tokenizers[2], seed: 7, new DataOptions(folder.Path));

        Assert.Null(chars.Texts);
        Assert.NotEqual(chars.Tokenizer.Decode(chars.Splits.Test), bpe.Tokenizer.Decode(bpe.Splits.Test));
    }

    [Fact]
    public void TheCacheKeepsTheSplitsOfAByteBudget()
    {
        using var folder = new ScratchFolder();
        var data = new DataConfig(CorpusKind.Synthetic, null, 0.1, 0.1, null, Bytes: 8_000);
        var first = DataPipeline.Prepare(data, Tokenizers[2], seed: 3, new DataOptions(folder.Path));
        var second = DataPipeline.Prepare(data, Tokenizers[2], seed: 3, new DataOptions(folder.Path));
        var larger = DataPipeline.Prepare(data with { Bytes = 9_000 }, Tokenizers[2], seed: 3, new DataOptions(folder.Path));

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.False(larger.FromCache);
        Assert.Equal(first.Splits, second.Splits, (a, b) => a.Train.SequenceEqual(b.Train) && a.Validation.SequenceEqual(b.Validation) && a.Test.SequenceEqual(b.Test));
        Assert.Equal(first.Texts, second.Texts);
    }

    [Fact]
    public void SplitsEndOnWordBoundariesAndCountUtf8Bytes()
    {
        // "é" is two bytes, so "aé" is three: 10 bytes end inside the third word and the text runs to the space after
        // it (11 bytes); half of 11 rounds to 6 bytes, inside the second word, so the test text starts at the space after it.
        var texts = TextSplits.Cut("aé aé aé aé aé aé", 10, 0, 0.5);

        Assert.Equal("aé aé aé", texts.Train + texts.Validation + texts.Test);
        Assert.Equal("aé aé", texts.Train);
        Assert.Equal("", texts.Validation);
        Assert.Equal(" aé", texts.Test);
        Assert.Equal(2, TextSplits.CharIndexOfByte("aéb", 3));
        Assert.Equal(3, TextSplits.CharIndexOfByte("aéb", 4));
    }

    [Fact]
    public void ABytesBudgetBeyondTheCorpusNamesTheCorpusSize()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("small.txt", "only a few words here");
        var error = Assert.Throws<InvalidDataException>(() => DataPipeline.Prepare(
            new DataConfig(CorpusKind.Text, null, 0.1, 0.1, file, Bytes: 1_000), Tokenizers[0], 1, new DataOptions(null)));
        Assert.Contains(file, error.Message);
        Assert.Contains("holds 21 bytes of text, fewer than the budget of 1,000 bytes", error.Message);
    }
}
