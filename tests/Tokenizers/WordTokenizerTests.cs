using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class WordTokenizerTests
{
    [Theory]
    [InlineData(SampleTexts.English)]
    [InlineData(SampleTexts.ChinesePoetry)]
    [InlineData(SampleTexts.Emoji)]
    public void RoundTripsTextMadeOfKnownWords(string text)
    {
        var tokenizer = WordTokenizer.Train(SampleTexts.TrainingText, vocabularySize: 0);
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void UnseenWordsDecodeAsReplacementCharacter()
    {
        var tokenizer = WordTokenizer.Train("the cat sat", vocabularySize: 0);
        int[] ids = tokenizer.Encode("the dog sat");
        Assert.Equal(WordTokenizer.UnknownId, ids[1]);
        Assert.Equal("the\uFFFD sat", tokenizer.Decode(ids));
    }

    [Fact]
    public void LoneSurrogatesComeBackAsReplacementCharacters()
    {
        var tokenizer = WordTokenizer.Train(SampleTexts.LoneSurrogates, vocabularySize: 0);
        Assert.Equal(SampleTexts.LoneSurrogatesReplaced, tokenizer.Decode(tokenizer.Encode(SampleTexts.LoneSurrogates)));
    }

    [Fact]
    public void DeclaredVocabularyKeepsTheMostFrequentWords()
    {
        var tokenizer = WordTokenizer.Train("x b b b a a c", vocabularySize: 3);
        Assert.Equal([UnknownToken.Name, " b", " a"], tokenizer.Vocabulary);
        Assert.Equal(3, tokenizer.VocabularySize);
    }
}
