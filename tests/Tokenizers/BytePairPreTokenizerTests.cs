using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class BytePairPreTokenizerTests
{
    [Theory]
    [InlineData(SampleTexts.English)]
    [InlineData(SampleTexts.ChinesePoetry)]
    [InlineData(SampleTexts.Emoji)]
    [InlineData(SampleTexts.LoneSurrogates)]
    [InlineData("I'm sure they'll've done it's 'quoted' O'Neil's   \n\n  spaced\t\tout  \r\n'")]
    [InlineData(" leading, trailing \u00A0non-breaking\u3000ideographic\u2028line\u0085next 1,234.5 ½ Ⅻ x²")]
    public void TheScannerCutsWhereThePatternMatches(string text) => Assert.Equal(RegexPieces(text), ScannerPieces(text));

    [Fact]
    public void TheScannerCutsWhereThePatternMatchesOnRandomText()
    {
        const string alphabet = "ab Z9 '\t\n\r.,!?-_é中文𝔘😀\u00A0\u0301\u001F\u0085stmdlvre";
        var random = new Random(11);
        for (int trial = 0; trial < 500; trial++)
        {
            var chars = new char[random.Next(1, 40)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            string text = new(chars);
            Assert.Equal(RegexPieces(text), ScannerPieces(text));
        }
    }

    static List<string> RegexPieces(string text) => [.. BytePairPreTokenizer.Regex().Matches(text).Select(m => m.Value)];

    static List<string> ScannerPieces(string text)
    {
        var pieces = new List<string>();
        for (int start = 0, length; start < text.Length; start += length)
        {
            length = BytePairPreTokenizer.NextPieceLength(text.AsSpan(start));
            pieces.Add(text.Substring(start, length));
        }
        return pieces;
    }
}
