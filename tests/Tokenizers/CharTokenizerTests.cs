using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class CharTokenizerTests
{
    [Theory]
    [InlineData(SampleTexts.English)]
    [InlineData(SampleTexts.ChinesePoetry)]
    [InlineData(SampleTexts.Emoji)]
    public void RoundTripsTextOverItsAlphabet(string text)
    {
        var tokenizer = CharTokenizer.Train(SampleTexts.TrainingText);
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
    }

    [Fact]
    public void UnseenCharactersAndLoneSurrogatesDecodeAsReplacementCharacters()
    {
        var tokenizer = CharTokenizer.Train(SampleTexts.LoneSurrogatesReplaced);
        Assert.Equal(SampleTexts.LoneSurrogatesReplaced, tokenizer.Decode(tokenizer.Encode(SampleTexts.LoneSurrogates)));
        Assert.Equal("\uFFFD", tokenizer.Decode(tokenizer.Encode("😀")));
    }
}
