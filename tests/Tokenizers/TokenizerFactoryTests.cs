using DslRunner.Config;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class TokenizerFactoryTests
{
    [Theory]
    [InlineData(TokenizerKind.Char, 0, "char")]
    [InlineData(TokenizerKind.Word, 40, "word")]
    [InlineData(TokenizerKind.Bpe, 300, "bpe")]
    [InlineData(TokenizerKind.WordPiece, 200, "wordpiece")]
    [InlineData(TokenizerKind.Cl100k, 0, "cl100k")]
    public void BuildsEveryKindWithTheDeclaredVocabulary(TokenizerKind kind, int vocab, string name)
    {
        var tokenizer = TokenizerFactory.Train(new TokenizerConfig(kind, vocab), SampleTexts.TrainingText);
        Assert.Equal(name, tokenizer.Name);
        if (vocab > 0) Assert.Equal(vocab, tokenizer.VocabularySize);
    }

    [Theory]
    [InlineData(TokenizerKind.Bpe)]
    [InlineData(TokenizerKind.WordPiece)]
    public void TrainedSubwordTokenizersNeedAVocabularySize(TokenizerKind kind)
    {
        var error = Assert.Throws<ArgumentException>(() => TokenizerFactory.Train(new TokenizerConfig(kind, 0), "text"));
        Assert.Contains("vocab", error.Message);
    }

    [Fact]
    public void Cl100kRejectsAnotherVocabularySize() =>
        Assert.Contains("100277", Assert.Throws<ArgumentException>(() => TokenizerFactory.Train(new TokenizerConfig(TokenizerKind.Cl100k, 5000), "")).Message);
}
