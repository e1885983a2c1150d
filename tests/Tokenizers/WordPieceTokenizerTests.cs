using DslRunner.Data;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class WordPieceTokenizerTests
{
    [Fact]
    public void MergesFollowTheLikelihoodScoreAmongPairsSeenTwiceWithTheSpaceOnTheWordsFirstPiece()
    {
        // Words: "xq" once, " ab" three times, " ac" twice, " zc" twice. Symbols (id, count): " a" (1, 5), " z" (2, 2),
        // ##b (3, 3), ##c (4, 4), ##q (5, 1), x (6, 1); the space stays on a word's first character.
        // Pairs: (x, ##q) 1 — scores 1/(1·1), the highest, but is seen once and never merged; (" a", ##b) 3/(5·3) = 0.2;
        // (" a", ##c) 2/(5·4) = 0.1; (" z", ##c) 2/(2·4) = 0.25, the first merge though it is rarer than (" a", ##b).
        // Then ##c counts 2: (" a", ##b) 3/(5·3) = 0.2 ties (" a", ##c) 2/(5·2) = 0.2, and the smaller right id (##b) goes
        // first; then " a" counts 2: (" a", ##c) 2/(2·2). No pair seen twice is left, so the vocabulary stops at 10 of 20.
        var tokenizer = WordPieceTrainer.Train("xq ab ab ab ac ac zc zc", 20);
        Assert.Equal([UnknownToken.Name, " a", " z", "##b", "##c", "##q", "x", " zc", " ab", " ac"], tokenizer.Vocabulary);
        Assert.Equal([9, 8, 7], tokenizer.Encode(" ac ab zc"));
        Assert.Equal([6, 5], tokenizer.Encode("xq"));
    }

    [Fact]
    public void EncodesGreedilyLongestMatchFirstWithContinuationPieces()
    {
        var tokenizer = WordPieceTokenizer.FromVocabulary([UnknownToken.Name, "u", "un", "una", "##ffable", "##f", "##a", "##b", "##l", "##e"]);
        Assert.Equal([3, 4], tokenizer.Encode("unaffable"));
        Assert.Equal([2, 5], tokenizer.Encode("unf"));
    }

    [Fact]
    public void APieceWithAnUnseenCharacterIsOneUnknownToken()
    {
        var tokenizer = WordPieceTrainer.Train("cab cab", 20);
        int[] ids = tokenizer.Encode("cab cxb");
        Assert.Equal(WordPieceTokenizer.UnknownId, ids[^1]);
        Assert.Equal("cab\uFFFD", tokenizer.Decode(ids));
    }

    [Fact]
    public void MergesReachExactlyTheDeclaredVocabulary()
    {
        var tokenizer = WordPieceTrainer.Train(SyntheticCorpus.Generate(seed: 3, minimumCharacters: 20_000).Text, 300);
        Assert.Equal(300, tokenizer.VocabularySize);
        Assert.Contains(tokenizer.Vocabulary, token => token.StartsWith("##") && token.Length > 3);
    }

    [Fact]
    public void AnAlphabetLargerThanTheVocabularyKeepsTheMostFrequentSymbols()
    {
        // Symbol counts: ##a 3, " b" 1, " c" 1, a 1; ties go to the ordinal order, where the space comes first.
        var tokenizer = WordPieceTrainer.Train("aaaa b c", 3);
        Assert.Equal([UnknownToken.Name, " b", "##a"], tokenizer.Vocabulary);
        Assert.Equal([WordPieceTokenizer.UnknownId], tokenizer.Encode("aaaa"));
    }

    [Fact]
    public void TrainingIsDeterministic() =>
        Assert.Equal(WordPieceTrainer.Train(SampleTexts.TrainingText, 400).Vocabulary, WordPieceTrainer.Train(SampleTexts.TrainingText, 400).Vocabulary);

    [Theory]
    [InlineData(SampleTexts.English)]
    [InlineData(SampleTexts.ChinesePoetry)]
    [InlineData(SampleTexts.Emoji)]
    public void RoundTripsTextOverTheTrainingAlphabet(string text)
    {
        var tokenizer = WordPieceTrainer.Train(SampleTexts.TrainingText, 400);
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void LoneSurrogatesComeBackAsReplacementCharacters()
    {
        var tokenizer = WordPieceTrainer.Train(SampleTexts.LoneSurrogatesReplaced, 100);
        Assert.Equal(SampleTexts.LoneSurrogatesReplaced, tokenizer.Decode(tokenizer.Encode(SampleTexts.LoneSurrogates)));
    }
}
