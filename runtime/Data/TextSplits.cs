using System.Globalization;
using System.Text;

namespace DslRunner.Data;

/// <summary>
/// The text of a byte budget cut into train / validation / test before any tokenizer sees it: each cut falls on the
/// first whitespace at or after its byte offset, so no word is cut in two and every part after the first starts with
/// the whitespace before its first word. Experiments that differ only in tokenizer read exactly these texts.
/// </summary>
public sealed record TextSplits(string Train, string Validation, string Test)
{
    /// <summary>UTF-8 bytes of the three parts together.</summary>
    public long TotalBytes => (long)Encoding.UTF8.GetByteCount(Train) + Encoding.UTF8.GetByteCount(Validation) + Encoding.UTF8.GetByteCount(Test);

    /// <summary>
    /// The first <paramref name="bytes"/> UTF-8 bytes of <paramref name="text"/> (to the next word boundary), cut into
    /// parts of about (1 − validation − test), validation and test of those bytes.
    /// </summary>
    public static TextSplits Cut(string text, long bytes, double validation, double test)
    {
        int end = WordBoundaryAtOrAfter(text, CharIndexOfByte(text, bytes));
        long total = Encoding.UTF8.GetByteCount(text.AsSpan(0, end));
        int trainEnd = WordBoundaryAtOrAfter(text, CharIndexOfByte(text, (long)Math.Round(total * (1 - validation - test))), end);
        int validationEnd = WordBoundaryAtOrAfter(text, CharIndexOfByte(text, (long)Math.Round(total * (1 - test))), end);
        if (trainEnd == 0)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"validation ({validation}) and test ({test}) leave no training text in {total:N0} bytes"));
        validationEnd = Math.Max(validationEnd, trainEnd);
        return new TextSplits(text[..trainEnd], text[trainEnd..validationEnd], text[validationEnd..end]);
    }

    /// <summary>The character index at which the UTF-8 encoding of <paramref name="text"/> reaches <paramref name="bytes"/> bytes (the length when it never does).</summary>
    public static int CharIndexOfByte(string text, long bytes)
    {
        long seen = 0;
        int i = 0;
        while (i < text.Length && seen < bytes)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int used);
            seen += rune.Utf8SequenceLength;
            i += used;
        }
        return i;
    }

    static int WordBoundaryAtOrAfter(string text, int index, int limit = int.MaxValue)
    {
        limit = Math.Min(limit, text.Length);
        if (index >= limit) return limit;
        int space = text.AsSpan(index, limit - index).IndexOfAny(' ', '\n');
        return space < 0 ? limit : index + space;
    }
}
