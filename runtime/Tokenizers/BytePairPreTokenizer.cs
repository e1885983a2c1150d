using System.Globalization;
using System.Text.RegularExpressions;

namespace DslRunner.Tokenizers;

/// <summary>
/// The split before byte-pair merging (GPT-2's pattern, <see cref="Pattern"/>): English contractions, a run of
/// letters or of digits with at most one leading space, a run of other symbols with at most one leading space,
/// and whitespace (a run followed by a word leaves its last space to that word). Merges never cross these
/// boundaries. <see cref="NextPieceLength"/> is a hand-written scanner that matches exactly what the pattern
/// matches, several times faster than the regular expression; the expression is kept for Microsoft.ML.Tokenizers.
/// </summary>
public static partial class BytePairPreTokenizer
{
    public const string Pattern = @"'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    [GeneratedRegex(Pattern)]
    public static partial Regex Regex();

    enum CharClass { Letter, Number, Space, Other }

    /// <summary>The length of the piece that starts <paramref name="text"/> (0 only for empty text).</summary>
    public static int NextPieceLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return 0;
        if (text[0] == '\'' && text.Length > 1)
        {
            char next = text[1];
            if (next is 's' or 'd' or 'm' or 't') return 2;
            if (text.Length > 2 && (text[1..3] is "ll" or "ve" or "re")) return 3;
        }
        int start = text[0] == ' ' && text.Length > 1 && Classify(text[1]) != CharClass.Space ? 1 : 0;
        var kind = Classify(text[start]);
        if (kind != CharClass.Space) return start + RunLength(text[start..], kind);

        int run = RunLength(text, CharClass.Space);
        if (run == text.Length || run == 1) return run;
        return run - 1;
    }

    /// <summary>How often each piece occurs in <paramref name="text"/>.</summary>
    public static Dictionary<string, long> CountPieces(string text)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = text.AsSpan();
        for (int start = 0; start < span.Length;)
        {
            int length = NextPieceLength(span[start..]);
            var piece = span.Slice(start, length);
            lookup[piece] = lookup.TryGetValue(piece, out long count) ? count + 1 : 1;
            start += length;
        }
        return counts;
    }

    static int RunLength(ReadOnlySpan<char> text, CharClass kind)
    {
        int length = 1;
        while (length < text.Length && Classify(text[length]) == kind) length++;
        return length;
    }

    /// <summary>Per UTF-16 unit, as the regular expression sees it (a surrogate half is neither letter nor digit).</summary>
    static CharClass Classify(char c)
    {
        if (c < 128)
        {
            if (char.IsAsciiLetter(c)) return CharClass.Letter;
            if (char.IsAsciiDigit(c)) return CharClass.Number;
            return c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' ? CharClass.Space : CharClass.Other;
        }
        if (char.IsWhiteSpace(c)) return CharClass.Space;
        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharClass.Number,
            _ => CharClass.Other,
        };
    }
}
