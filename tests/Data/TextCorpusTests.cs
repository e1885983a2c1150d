using DslRunner.Data.Corpora;

namespace DslRunner.Tests.Data;

public class TextCorpusTests
{
    [Fact]
    public void ReadsOneFile()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("a.txt", "\uFEFFhello 世界");
        var corpus = new TextCorpus(file);
        Assert.Equal("hello 世界", Assert.Single(corpus.Documents).Text);
    }

    [Fact]
    public void ReadsEveryFileUnderAFolderInPathOrder()
    {
        using var folder = new ScratchFolder();
        folder.Write("texts/b.txt", "second");
        folder.Write("texts/a.txt", "first");
        folder.Write("texts/nested/c.md", "third");
        var corpus = new TextCorpus(folder.Combine("texts"));
        Assert.Equal(["first", "second", "third"], corpus.Documents.Select(d => d.Text));
    }

    [Fact]
    public void ReadsTheFilesAGlobMatches()
    {
        using var folder = new ScratchFolder();
        folder.Write("texts/a.txt", "kept");
        folder.Write("texts/skip.md", "skipped");
        folder.Write("texts/deep/er/b.txt", "kept too");
        var corpus = new TextCorpus(folder.Combine("texts", "**", "*.txt"));
        Assert.Equal(["kept", "kept too"], corpus.Documents.Select(d => d.Text));
    }

    [Fact]
    public void InvalidUtf8NamesTheFileAndByteOffset()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("bad.txt", [(byte)'o', (byte)'k', (byte)' ', 0xC3, 0x28, (byte)'!']);
        var error = Assert.Throws<InvalidDataException>(() => new TextCorpus(file).Documents);
        Assert.Contains(file, error.Message);
        Assert.Contains("byte offset 3", error.Message);
    }

    [Fact]
    public void ATruncatedSequenceAtTheEndIsInvalidToo()
    {
        var error = Assert.Throws<InvalidDataException>(() => StrictUtf8.Decode([(byte)'a', 0xE4, 0xB8], "x.txt"));
        Assert.Contains("byte offset 1", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var folder = new ScratchFolder();
        string missing = folder.Combine("missing.txt");
        var error = Assert.Throws<FileNotFoundException>(() => new TextCorpus(missing).Documents);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void AGlobThatMatchesNothingIsAnError()
    {
        using var folder = new ScratchFolder();
        var error = Assert.Throws<FileNotFoundException>(() => new TextCorpus(folder.Combine("*.txt")).Documents);
        Assert.Contains("no file matches", error.Message);
    }

    [Fact]
    public void AnEmptyCorpusIsAnError()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("empty.txt", "  \n");
        var error = Assert.Throws<InvalidDataException>(() => new TextCorpus(file).ReadText(1, 10));
        Assert.Contains("empty", error.Message);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void TheIdentityChangesWithTheContent()
    {
        using var folder = new ScratchFolder();
        string file = folder.Write("a.txt", "one");
        string before = new TextCorpus(file).Identity;
        folder.Write("a.txt", "two");
        Assert.NotEqual(before, new TextCorpus(file).Identity);
    }

    [Fact]
    public void DocumentOrderIsShuffledBySeedAndFixedWithinOne()
    {
        using var folder = new ScratchFolder();
        for (int i = 0; i < 12; i++) folder.Write($"{i:D2}.txt", $"document {i}");
        var corpus = new TextCorpus(folder.Path);
        Assert.Equal(corpus.ReadText(seed: 1, int.MaxValue), corpus.ReadText(seed: 1, int.MaxValue));
        Assert.NotEqual(corpus.ReadText(seed: 1, int.MaxValue), corpus.ReadText(seed: 2, int.MaxValue));
    }

    [Fact]
    public void ReadingStopsAtTheFirstDocumentPastTheMinimumAndALargerMinimumExtendsTheSameText()
    {
        using var folder = new ScratchFolder();
        for (int i = 0; i < 12; i++) folder.Write($"{i:D2}.txt", $"document {i}");    // 10 or 11 characters each
        var corpus = new TextCorpus(folder.Path);
        string all = corpus.ReadText(seed: 3, int.MaxValue);

        string one = corpus.ReadText(seed: 3, 1), three = corpus.ReadText(seed: 3, 25);

        Assert.DoesNotContain(DslRunner.Data.Corpora.DocumentCorpus.DocumentSeparator, one);
        Assert.Equal(3, three.Split(DslRunner.Data.Corpora.DocumentCorpus.DocumentSeparator).Length);
        Assert.StartsWith(one, three, StringComparison.Ordinal);
        Assert.StartsWith(three, all, StringComparison.Ordinal);
        Assert.Equal(12, all.Split(DslRunner.Data.Corpora.DocumentCorpus.DocumentSeparator).Length);
    }
}
