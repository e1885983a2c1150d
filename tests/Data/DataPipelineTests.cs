using DslRunner.Config;
using DslRunner.Data;

namespace DslRunner.Tests.Data;

public class DataPipelineTests
{
    static DataConfig Synthetic(long tokens) => new(CorpusKind.Synthetic, tokens, 0.1, 0.1, null);

    [Theory]
    [InlineData(TokenizerKind.Char, 0)]
    [InlineData(TokenizerKind.Word, 0)]
    [InlineData(TokenizerKind.Bpe, 300)]
    [InlineData(TokenizerKind.WordPiece, 200)]
    [InlineData(TokenizerKind.Cl100k, 0)]
    public void TheTokenBudgetIsHonouredExactly(TokenizerKind kind, int vocab)
    {
        using var folder = new ScratchFolder();
        var data = DataPipeline.Prepare(Synthetic(12_345), new TokenizerConfig(kind, vocab), seed: 7, new DataOptions(folder.Path));
        Assert.Equal(12_345, data.Splits.TotalTokens);
        Assert.Equal(1_234, data.Splits.Validation.Length); // 1,234.5 rounds to even
    }

    [Fact]
    public void TrainTokensCutOnlyTheTrainingSplit()
    {
        using var folder = new ScratchFolder();
        var tokenizer = new TokenizerConfig(TokenizerKind.Bpe, 300);
        var whole = DataPipeline.Prepare(Synthetic(12_000), tokenizer, seed: 7, new DataOptions(folder.Path));
        var tenth = DataPipeline.Prepare(Synthetic(12_000) with { TrainTokens = 960 }, tokenizer, seed: 7, new DataOptions(folder.Path));

        Assert.Equal(9_600, whole.Splits.Train.Length);
        Assert.Equal(whole.Splits.Train[..960], tenth.Splits.Train);
        Assert.Equal(whole.Splits.Validation, tenth.Splits.Validation);
        Assert.Equal(whole.Splits.Test, tenth.Splits.Test);
        Assert.Equal(whole.Tokenizer.Encode("the cat"), tenth.Tokenizer.Encode("the cat"));
    }

    [Fact]
    public void TheDataSeedOverridesTheExperimentSeedForTheData()
    {
        Assert.Equal(5, (Synthetic(100) with { Seed = 5 }).SeedFor(experimentSeed: 9));
        Assert.Equal(9, Synthetic(100).SeedFor(experimentSeed: 9));
    }

    [Fact]
    public void SplitsAreDeterministicBySeed()
    {
        using var folder = new ScratchFolder();
        var corpus = TextCorpusOfDocuments(folder, 40);
        var tokenizer = new TokenizerConfig(TokenizerKind.Char, 0);
        var first = DataPipeline.Prepare(corpus, tokenizer, seed: 1, new DataOptions(null));
        var again = DataPipeline.Prepare(corpus, tokenizer, seed: 1, new DataOptions(null));
        var other = DataPipeline.Prepare(corpus, tokenizer, seed: 2, new DataOptions(null));
        Assert.Equal(first.Splits.Validation, again.Splits.Validation);
        Assert.NotEqual(first.Tokenizer.Decode(first.Splits.Validation), other.Tokenizer.Decode(other.Splits.Validation));
    }

    [Fact]
    public void ASecondPreparationReadsTheCache()
    {
        using var folder = new ScratchFolder();
        var config = new TokenizerConfig(TokenizerKind.Bpe, 300);
        var first = DataPipeline.Prepare(Synthetic(5_000), config, seed: 3, new DataOptions(folder.Path));
        var second = DataPipeline.Prepare(Synthetic(5_000), config, seed: 3, new DataOptions(folder.Path));

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Splits.Train, second.Splits.Train);
        Assert.Equal(first.Splits.Test, second.Splits.Test);
        Assert.Equal(first.Tokenizer.Encode("keep Bazo."), second.Tokenizer.Encode("keep Bazo."));
    }

    [Fact]
    public void AnotherTokenizerOrSeedMissesTheCache()
    {
        using var folder = new ScratchFolder();
        var options = new DataOptions(folder.Path);
        DataPipeline.Prepare(Synthetic(3_000), new TokenizerConfig(TokenizerKind.Bpe, 300), seed: 3, options);
        Assert.False(DataPipeline.Prepare(Synthetic(3_000), new TokenizerConfig(TokenizerKind.Bpe, 280), seed: 3, options).FromCache);
        Assert.False(DataPipeline.Prepare(Synthetic(3_000), new TokenizerConfig(TokenizerKind.Bpe, 300), seed: 4, options).FromCache);
    }

    [Fact]
    public void EditingATextFileMissesTheCache()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("corpus/a.txt", string.Concat(Enumerable.Repeat("the cat sat on the mat. ", 50)));
        var data = new DataConfig(CorpusKind.Text, 500, 0.1, 0.1, file);
        var options = new DataOptions(folder.Combine("cache"));
        DataPipeline.Prepare(data, new TokenizerConfig(TokenizerKind.Char, 0), 1, options);
        folder.Write("corpus/a.txt", string.Concat(Enumerable.Repeat("the dog sat on the log. ", 50)));
        var edited = DataPipeline.Prepare(data, new TokenizerConfig(TokenizerKind.Char, 0), 1, options);
        Assert.False(edited.FromCache);
        Assert.Contains("dog", edited.Tokenizer.Decode(edited.Splits.Train));
    }

    [Fact]
    public void ABudgetBeyondTheCorpusNamesTheCorpusSize()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("small.txt", "only a few words here");
        var data = new DataConfig(CorpusKind.Text, 1_000, 0.1, 0.1, file);
        var error = Assert.Throws<InvalidDataException>(() =>
            DataPipeline.Prepare(data, new TokenizerConfig(TokenizerKind.Char, 0), 1, new DataOptions(null)));
        Assert.Contains(file, error.Message);
        Assert.Contains("gives 21 tokens", error.Message);
        Assert.Contains("budget of 1,000", error.Message);
    }

    [Fact]
    public void ACorpusSmallerThanAContextWindowNamesTheSplitAndFile()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("short.txt", string.Concat(Enumerable.Repeat("tiny text. ", 20)));
        var data = new DataConfig(CorpusKind.Text, 200, 0.1, 0.1, file);
        var error = Assert.Throws<InvalidDataException>(() =>
            DataPipeline.Prepare(data, new TokenizerConfig(TokenizerKind.Char, 0), 1, new DataOptions(null, ContextWindow: 64)));
        Assert.Contains(file, error.Message);
        Assert.Contains("validation split holds 20 tokens, fewer than one context window (65 tokens)", error.Message);
    }

    [Fact]
    public void InvalidUtf8AndMissingFilesSurfaceFromThePipeline()
    {
        using var folder = new ScratchFolder();
        string bad = folder.Write("bad.txt", [0x61, 0xFF]);
        var tokenizer = new TokenizerConfig(TokenizerKind.Char, 0);
        var invalid = Assert.Throws<InvalidDataException>(() =>
            DataPipeline.Prepare(new DataConfig(CorpusKind.Text, 10, 0, 0, bad), tokenizer, 1, new DataOptions(null)));
        Assert.Contains($"{bad} is not valid UTF-8: invalid byte sequence at byte offset 1", invalid.Message);
        Assert.Throws<FileNotFoundException>(() =>
            DataPipeline.Prepare(new DataConfig(CorpusKind.Text, 10, 0, 0, folder.Combine("none.txt")), tokenizer, 1, new DataOptions(null)));
    }

    [Fact]
    public void TheTokenizerIsTrainedOnTheTrainingShareOnly()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("a.txt", new string('a', 90) + " " + new string('z', 9));
        var data = DataPipeline.Prepare(new DataConfig(CorpusKind.Text, 100, 0.1, 0, file),
            new TokenizerConfig(TokenizerKind.Char, 0), 1, new DataOptions(null));
        Assert.Equal("\uFFFD", data.Tokenizer.Decode(data.Tokenizer.Encode("z")));
    }

    static DataConfig TextCorpusOfDocuments(ScratchFolder folder, int documents)
    {
        for (int i = 0; i < documents; i++)
            folder.Write($"docs/{i:D2}.txt", $"document number {i} says something about {i * 7 % 13}.");
        return new DataConfig(CorpusKind.Text, 1_500, 0.2, 0.1, folder.Combine("docs"));
    }
}
