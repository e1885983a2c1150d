using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class WordSplitterTests
{
    [Fact]
    public void SpaceBeforeAWordBelongsToTheWordAndPunctuationStandsAlone() =>
        Assert.Equal(["Hello", ",", " world", "!"], WordSplitter.Split("Hello, world!"));

    [Fact]
    public void EachCjkCharacterIsItsOwnPiece() =>
        Assert.Equal(["床", "前", "明", "月", "光", "，"], WordSplitter.Split("床前明月光，"));

    [Fact]
    public void ExtraWhitespaceIsAPieceAndTheLastSpaceGoesToTheNextWord() =>
        Assert.Equal(["a", "  ", " b", "\n", "c", "\t "], WordSplitter.Split("a   b\nc\t "));

    [Fact]
    public void CombiningMarksStayWithTheirLetterAndEmojiWithTheirVariationSelector()
    {
        Assert.Equal(["cafe\u0301"], WordSplitter.Split("cafe\u0301"));
        Assert.Equal([" ☀\uFE0F", "!"], WordSplitter.Split(" ☀\uFE0F!"));
    }

    [Theory]
    [InlineData(SampleTexts.English)]
    [InlineData(SampleTexts.ChinesePoetry)]
    [InlineData(SampleTexts.Emoji)]
    public void PiecesConcatenateToTheText(string text) => Assert.Equal(text, string.Concat(WordSplitter.Split(text)));

    [Fact]
    public void LoneSurrogatesBecomeReplacementCharacters() =>
        Assert.Equal(SampleTexts.LoneSurrogatesReplaced, string.Concat(WordSplitter.Split(SampleTexts.LoneSurrogates)));
}
