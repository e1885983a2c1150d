using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class Cl100kTokenizerTests
{
    [Fact]
    public void EncodesWithTheCl100kBaseRanks()
    {
        var tokenizer = new Cl100kTokenizer();
        Assert.Equal([15339, 1917], tokenizer.Encode("hello world"));
        Assert.Equal(100_277, tokenizer.VocabularySize);
    }

    [Theory]
    [InlineData(SampleTexts.English)]
    [InlineData(SampleTexts.ChinesePoetry)]
    [InlineData(SampleTexts.Emoji)]
    public void RoundTripsAnyValidText(string text)
    {
        var tokenizer = new Cl100kTokenizer();
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void LoneSurrogatesComeBackAsReplacementCharacters()
    {
        var tokenizer = new Cl100kTokenizer();
        Assert.Equal(SampleTexts.LoneSurrogatesReplaced, tokenizer.Decode(tokenizer.Encode(SampleTexts.LoneSurrogates)));
    }
}
