using DslRunner.Data;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class WordPieceTokenizerTests
{
    [Fact]
    public void FirstMergeHasTheHighestLikelihoodScoreNotTheHighestCount()
    {
        // Alphabet: " ", ##a, ##b, ##c, ##d, a. (##a, ##b) occurs twice but scores 2 / (2·3);
        // (##c, ##d) occurs once and scores 1 / (1·1), so likelihood picks it where BPE would not.
        var tokenizer = WordPieceTrainer.Train("ab ab ab cd", 8);
        Assert.Equal([UnknownToken.Name, " ", "##a", "##b", "##c", "##d", "a", "##cd"], tokenizer.Vocabulary);
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
        // Symbol counts: ##a 3, " " 2, a 1, ##b 1, ##c 1.
        var tokenizer = WordPieceTrainer.Train("aaaa b c", 3);
        Assert.Equal([UnknownToken.Name, " ", "##a"], tokenizer.Vocabulary);
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
