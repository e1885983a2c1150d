using DslRunner.Config;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class TokenizerStoreTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "dslrunner-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(TokenizerKind.Char, 0)]
    [InlineData(TokenizerKind.Word, 50)]
    [InlineData(TokenizerKind.Bpe, 400)]
    [InlineData(TokenizerKind.WordPiece, 300)]
    [InlineData(TokenizerKind.Cl100k, 0)]
    public void ALoadedTokenizerEncodesAndDecodesLikeTheSavedOne(TokenizerKind kind, int vocab)
    {
        var saved = TokenizerFactory.Train(new TokenizerConfig(kind, vocab), SampleTexts.TrainingText);
        string path = Path.Combine(_folder, "run", TokenizerStore.FileName);
        TokenizerStore.Save(saved, path);
        var loaded = TokenizerStore.Load(path);

        Assert.Equal(saved.GetType(), loaded.GetType());
        Assert.Equal(saved.VocabularySize, loaded.VocabularySize);
        string probe = string.Join("\n", SampleTexts.Valid) + "\nnever seen: zebra 鬱 🦀 " + SampleTexts.LoneSurrogates;
        int[] ids = saved.Encode(probe);
        Assert.Equal(ids, loaded.Encode(probe));
        Assert.Equal(saved.Decode(ids), loaded.Decode(ids));
    }

    [Fact]
    public void LoadingSomethingElseNamesTheFile()
    {
        string path = Path.Combine(_folder, "not-a-tokenizer.json");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(path, """{ "format": "other", "version": 1, "kind": "bpe", "vocabulary_size": 256 }""");
        var error = Assert.Throws<InvalidDataException>(() => TokenizerStore.Load(path));
        Assert.Contains(path, error.Message);
    }
}
