using System.Text.RegularExpressions;

namespace DslRunner.Tokenizers;

/// <summary>
/// The split before byte-pair merging (GPT-2's pattern): English contractions, a run of letters or of digits with
/// at most one leading space, a run of other symbols, and whitespace. Merges never cross these boundaries.
/// </summary>
public static partial class BytePairPreTokenizer
{
    public const string Pattern = @"'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    [GeneratedRegex(Pattern)]
    public static partial Regex Regex();

    /// <summary>How often each piece occurs in <paramref name="text"/>.</summary>
    public static Dictionary<string, long> CountPieces(string text)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var match in Regex().EnumerateMatches(text))
        {
            var piece = text.AsSpan(match.Index, match.Length);
            lookup[piece] = lookup.TryGetValue(piece, out long count) ? count + 1 : 1;
        }
        return counts;
    }
}
