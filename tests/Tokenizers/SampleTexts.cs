namespace DslRunner.Tests.Tokenizers;

/// <summary>Short texts in the scripts the tokenizers promise to round-trip.</summary>
static class SampleTexts
{
    public const string English = "The jury said it did find that many of Georgia's registration and election laws \"are outmoded\".\n  Indented line, tabs\tand 3.14 numbers!";
    public const string ChinesePoetry = "静夜思\n李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。";
    public const string Emoji = "Rain 🌧️ then sun ☀️; family 👨‍👩‍👧 and flags 🇫🇷 — café naïve";
    public const string LoneSurrogates = "broken \ud800 high and \udc00 low";
    public const string LoneSurrogatesReplaced = "broken \ufffd high and \ufffd low";

    public static readonly string[] Valid = [English, ChinesePoetry, Emoji];

    /// <summary>Every sample, repeated, so that trained tokenizers see each character more than once.</summary>
    public static string TrainingText => string.Join("\n", Enumerable.Repeat(string.Join("\n", Valid), 20));
}
