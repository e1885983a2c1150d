using DslRunner.Data;
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
        // Long enough that WordPiece still finds pairs seen twice at 200 entries.
        var tokenizer = TokenizerFactory.Train(new TokenizerConfig(kind, vocab), SyntheticCorpus.Generate(seed: 3, minimumCharacters: 20_000).Text);
        Assert.Equal(name, tokenizer.Name);
        if (vocab > 0) Assert.Equal(vocab, tokenizer.VocabularySize);
    }

    [Fact]
    public void VocabularyZeroMergesEveryPairSeenTwiceAndNoOther()
    {
        // Pairs seen twice: (a, b) and (' ', a) for BPE, (" a", ##b) for WordPiece; (c, d) only once.
        var bpe = (BpeTokenizer)TokenizerFactory.Train(new TokenizerConfig(TokenizerKind.Bpe, 0), "ab ab ab cd");
        Assert.Equal([new BpeMerge('a', 'b', 256), new BpeMerge(' ', 256, 257)], bpe.Merges);

        var wordPiece = (WordPieceTokenizer)TokenizerFactory.Train(new TokenizerConfig(TokenizerKind.WordPiece, 0), "ab ab ab cd");
        Assert.DoesNotContain("##cd", wordPiece.Vocabulary);
        Assert.Contains(" ab", wordPiece.Vocabulary);
    }

    [Fact]
    public void Cl100kRejectsAnotherVocabularySize() =>
        Assert.Contains("100277", Assert.Throws<ArgumentException>(() => TokenizerFactory.Train(new TokenizerConfig(TokenizerKind.Cl100k, 5000), "")).Message);
}
