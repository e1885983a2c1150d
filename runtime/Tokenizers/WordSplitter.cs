using System.Globalization;
using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// Cuts text into word-level pieces whose concatenation is the text itself (after lone surrogates became U+FFFD):
/// a run of letters and digits, one CJK character (Han, kana), one punctuation mark or symbol (each emoji on its
/// own), or a run of whitespace. A single space before a word, CJK character or symbol belongs to that piece
/// (" cat"), so ordinary prose needs no separate space tokens. Combining marks stay with the piece before them.
/// </summary>
public static class WordSplitter
{
    enum Kind { Whitespace, Word, Cjk, Mark, Other }

    public static List<string> Split(string text)
    {
        text = UnknownToken.ReplaceLoneSurrogates(text);
        var pieces = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            if (text[i] == ' ' && i + 1 < text.Length && Classify(RuneAt(text, i + 1)) != Kind.Whitespace) i++;
            var rune = RuneAt(text, i);
            switch (Classify(rune))
            {
                case Kind.Whitespace:
                    i = EndOfWhitespace(text, i);
                    break;
                case Kind.Word:
                    i += rune.Utf16SequenceLength;
                    while (i < text.Length && Classify(RuneAt(text, i)) is Kind.Word or Kind.Mark) i += RuneAt(text, i).Utf16SequenceLength;
                    break;
                default:
                    i += rune.Utf16SequenceLength;
                    while (i < text.Length && Classify(RuneAt(text, i)) == Kind.Mark) i += RuneAt(text, i).Utf16SequenceLength;
                    break;
            }
            pieces.Add(text[start..i]);
        }
        return pieces;
    }

    /// <summary>The end of a whitespace run, leaving a final single space to the word after it.</summary>
    static int EndOfWhitespace(string text, int i)
    {
        int end = i;
        while (end < text.Length && Classify(RuneAt(text, end)) == Kind.Whitespace) end += RuneAt(text, end).Utf16SequenceLength;
        bool wordFollows = end < text.Length;
        if (wordFollows && end - i > 1 && text[end - 1] == ' ') end--;
        return end;
    }

    static Rune RuneAt(string text, int index) =>
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar;

    static Kind Classify(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune)) return Kind.Whitespace;
        if (IsCjk(rune.Value)) return Kind.Cjk;
        if (Rune.IsLetterOrDigit(rune)) return Kind.Word;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark ? Kind.Mark : Kind.Other;
    }

    /// <summary>Han ideographs (all blocks and extensions), kana, and the CJK compatibility ideographs.</summary>
    public static bool IsCjk(int codePoint) =>
        codePoint is >= 0x3040 and <= 0x30FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xF900 and <= 0xFAFF
            or >= 0x20000 and <= 0x3FFFF;
}
