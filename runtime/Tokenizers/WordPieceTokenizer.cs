using System.Collections.Concurrent;
using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// WordPiece over <see cref="WordSplitter"/> pieces: each piece is cut greedily, longest vocabulary match first;
/// pieces after the first carry the <c>##</c> continuation prefix. A piece that cannot be cut becomes one
/// <see cref="UnknownToken.Name"/> (id 0). Because pieces keep their whitespace, decoding concatenates the
/// tokens without <c>##</c>: decode(encode(x)) == x when every character of x was in the training alphabet;
/// a piece with an unseen character decodes as U+FFFD, and lone surrogates come back as U+FFFD.
/// </summary>
public sealed class WordPieceTokenizer : ITokenizer
{
    public const int UnknownId = 0;
    public const string ContinuationPrefix = "##";
    const int CacheLimit = 1 << 18;

    readonly string[] _tokens;
    readonly Dictionary<string, int> _starts = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _continuations = new(StringComparer.Ordinal);
    readonly int _longestPiece;
    readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    int _cached;

    WordPieceTokenizer(string[] tokens)
    {
        _tokens = tokens;
        for (int id = 1; id < tokens.Length; id++)
        {
            string token = tokens[id];
            bool continuation = token.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && token.Length > ContinuationPrefix.Length;
            string text = continuation ? token[ContinuationPrefix.Length..] : token;
            (continuation ? _continuations : _starts).TryAdd(text, id);
            _longestPiece = Math.Max(_longestPiece, text.Length);
        }
    }

    /// <summary>Rebuilds a tokenizer from its vocabulary in id order (id 0 is the unknown token).</summary>
    public static WordPieceTokenizer FromVocabulary(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0 || tokens[0] != UnknownToken.Name)
            throw new InvalidDataException($"a WordPiece vocabulary starts with {UnknownToken.Name}");
        return new WordPieceTokenizer([.. tokens]);
    }

    public string Name => "wordpiece";

    public int VocabularySize => _tokens.Length;

    /// <summary>The vocabulary in id order; entry 0 is <see cref="UnknownToken.Name"/>, continuations start with ##.</summary>
    public IReadOnlyList<string> Vocabulary => _tokens;

    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length / 2 + 16);
        foreach (string piece in WordSplitter.Split(text))
        {
            if (!_cache.TryGetValue(piece, out var pieceIds))
            {
                pieceIds = EncodePiece(piece);
                if (_cached < CacheLimit && _cache.TryAdd(piece, pieceIds)) Interlocked.Increment(ref _cached);
            }
            ids.AddRange(pieceIds);
        }
        return [.. ids];
    }

    int[] EncodePiece(string piece)
    {
        var ids = new List<int>();
        var starts = _starts.GetAlternateLookup<ReadOnlySpan<char>>();
        var continuations = _continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        int start = 0;
        while (start < piece.Length)
        {
            var lookup = start == 0 ? starts : continuations;
            int end = Math.Min(piece.Length, start + _longestPiece);
            int found = -1;
            for (; end > start; end--)
            {
                if (end < piece.Length && char.IsLowSurrogate(piece[end])) continue;
                if (lookup.TryGetValue(piece.AsSpan(start, end - start), out found)) break;
            }
            if (end == start) return [UnknownId];
            ids.Add(found);
            start = end;
        }
        return [.. ids];
    }

    public string Decode(ReadOnlySpan<int> tokens)
    {
        var builder = new StringBuilder();
        foreach (int id in tokens)
        {
            if (id <= UnknownId || id >= _tokens.Length) { builder.Append(UnknownToken.Decoded); continue; }
            string token = _tokens[id];
            builder.Append(token.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && token.Length > ContinuationPrefix.Length
                ? token.AsSpan(ContinuationPrefix.Length)
                : token);
        }
        return builder.ToString();
    }
}

/// <summary>The <c>wordpiece</c> tokenizer kind: <c>vocab</c> is its size (0 = every pair seen at least twice merged).</summary>
public sealed record WordPieceTokenizerKind : TokenizerKindRecord
{
    public override ITokenizer Train(string trainingText, int vocabulary) => WordPieceTrainer.Train(trainingText, vocabulary);

    public override TokenizerEntries Entries(ITokenizer tokenizer) => new(Tokens: ((WordPieceTokenizer)tokenizer).Vocabulary);

    public override ITokenizer Restore(TokenizerEntries entries, string path) => WordPieceTokenizer.FromVocabulary(entries.RequireTokens(path));

    public override int? UnknownId => WordPieceTokenizer.UnknownId;

    public override int CodeVersion => 2;

    public override IReadOnlyList<string> CodeFiles => ["WordPieceTokenizer.cs", "WordPieceTrainer.cs"];
}
