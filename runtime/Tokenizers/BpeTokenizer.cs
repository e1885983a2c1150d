using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>One learned merge: the adjacent tokens <see cref="Left"/> and <see cref="Right"/> become <see cref="Merged"/>.</summary>
public readonly record struct BpeMerge(int Left, int Right, int Merged);

/// <summary>
/// Byte-level BPE: ids 0–255 are the bytes, every later id is a learned merge, so no input is unknown.
/// Encoding splits with <see cref="BytePairPreTokenizer"/>, then inside each piece applies the merge with the
/// lowest rank until none applies. decode(encode(x)) == x for every valid UTF-16 string; lone surrogates are
/// encoded as U+FFFD. Decoding ids that end inside a UTF-8 sequence yields U+FFFD for the incomplete bytes.
/// The encoder is ours rather than Microsoft.ML.Tokenizers' Tiktoken loaded with the same vocabulary
/// (<see cref="TiktokenExport"/>): both give identical ids; ours measured faster on English and on the synthetic
/// corpus, first pass and warm, and faster on Chinese once its piece cache is warm (slower on a first pass over
/// text with a million distinct pieces). Figures: <c>dotnet run -c Release --project benchmarks -- tokenizers</c>.
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    public const int ByteCount = 256;
    const int CacheLimit = 1 << 20;

    readonly BpeMerge[] _merges;
    readonly byte[][] _tokenBytes;
    readonly Dictionary<long, (int Rank, int Merged)> _rankOfPair;
    readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    int _cached;

    public BpeTokenizer(IReadOnlyList<BpeMerge> merges)
    {
        _merges = [.. merges];
        var tokens = Enumerable.Range(0, ByteCount).Select(b => new[] { (byte)b }).ToList();
        _rankOfPair = new Dictionary<long, (int, int)>(_merges.Length, PairKey.Comparer);
        for (int rank = 0; rank < _merges.Length; rank++)
        {
            var (left, right, merged) = _merges[rank];
            if (left >= tokens.Count || right >= tokens.Count || merged > tokens.Count || left < 0 || right < 0 || merged < ByteCount)
                throw new InvalidDataException($"BPE merge {rank} ({left}, {right}) -> {merged} refers to a token not defined before it");
            byte[] bytes = [.. tokens[left], .. tokens[right]];
            if (merged == tokens.Count) tokens.Add(bytes);
            else if (!tokens[merged].AsSpan().SequenceEqual(bytes))
                throw new InvalidDataException($"BPE merge {rank} reuses token {merged}, which spells different bytes");
            _rankOfPair.TryAdd(Pack(left, right), (rank, merged));
        }
        _tokenBytes = [.. tokens];
    }

    public string Name => "bpe";

    public int VocabularySize => _tokenBytes.Length;

    /// <summary>The merges in the order they were learned (their rank).</summary>
    public IReadOnlyList<BpeMerge> Merges => _merges;

    /// <summary>The bytes each id spells.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) => _tokenBytes[id];

    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length / 3 + 16);
        var cache = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = text.AsSpan();
        for (int start = 0, length; start < span.Length; start += length)
        {
            length = BytePairPreTokenizer.NextPieceLength(span[start..]);
            var piece = span.Slice(start, length);
            if (!cache.TryGetValue(piece, out var pieceIds))
            {
                pieceIds = EncodePiece(piece);
                if (_cached < CacheLimit && cache.TryAdd(piece, pieceIds)) Interlocked.Increment(ref _cached);
            }
            ids.AddRange(pieceIds);
        }
        return [.. ids];
    }

    int[] EncodePiece(ReadOnlySpan<char> piece)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(piece.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            int length = Encoding.UTF8.GetBytes(piece, rented);
            var symbols = new int[length];
            for (int i = 0; i < length; i++) symbols[i] = rented[i];
            return ApplyMerges(symbols);
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>
    /// Merges the lowest-ranked adjacent pair, leftmost first, until none is a learned merge. Pair ranks live in
    /// an array beside the symbols, so a merge looks up only its two new neighbouring pairs.
    /// </summary>
    int[] ApplyMerges(int[] symbols)
    {
        int count = symbols.Length;
        if (count < 2) return symbols;
        var ranks = new int[count];
        var results = new int[count];
        for (int i = 0; i + 1 < count; i++) (ranks[i], results[i]) = Lookup(symbols[i], symbols[i + 1]);
        ranks[count - 1] = int.MaxValue;
        while (true)
        {
            int best = -1, bestRank = int.MaxValue;
            for (int i = 0; i + 1 < count; i++)
                if (ranks[i] < bestRank) (best, bestRank) = (i, ranks[i]);
            if (best < 0) break;
            symbols[best] = results[best];
            int tail = count - best - 2;
            Array.Copy(symbols, best + 2, symbols, best + 1, tail);
            Array.Copy(ranks, best + 2, ranks, best + 1, tail);
            Array.Copy(results, best + 2, results, best + 1, tail);
            count--;
            ranks[count - 1] = int.MaxValue;
            if (best > 0) (ranks[best - 1], results[best - 1]) = Lookup(symbols[best - 1], symbols[best]);
            if (best + 1 < count) (ranks[best], results[best]) = Lookup(symbols[best], symbols[best + 1]);
            else ranks[best] = int.MaxValue;
        }
        return count == symbols.Length ? symbols : symbols[..count];
    }

    (int Rank, int Merged) Lookup(int left, int right) =>
        _rankOfPair.TryGetValue(Pack(left, right), out var found) ? found : (int.MaxValue, -1);

    public string Decode(ReadOnlySpan<int> tokens)
    {
        var bytes = new List<byte>(tokens.Length * 4);
        foreach (int id in tokens)
        {
            if ((uint)id < (uint)_tokenBytes.Length) bytes.AddRange(_tokenBytes[id]);
            else bytes.AddRange("\uFFFD"u8);
        }
        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    static long Pack(int left, int right) => PairKey.Pack(left, right);
}

/// <summary>The <c>bpe</c> tokenizer kind: <c>vocab</c> is its size (0 = every pair seen at least twice merged).</summary>
public sealed record BpeTokenizerKind : TokenizerKindRecord
{
    public override ITokenizer Train(string trainingText, int vocabulary) => BytePairTrainer.Train(trainingText, vocabulary);

    public override TokenizerEntries Entries(ITokenizer tokenizer) =>
        new(Merges: [.. ((BpeTokenizer)tokenizer).Merges.Select(m => new[] { m.Left, m.Right, m.Merged })], PreTokenizer: BytePairPreTokenizer.Pattern);

    public override ITokenizer Restore(TokenizerEntries entries, string path)
    {
        if (entries.PreTokenizer != BytePairPreTokenizer.Pattern)
            throw new InvalidDataException($"{path}: the BPE pre-tokenizer pattern differs from this runtime's");
        var merges = entries.RequireMerges(path).Select((m, rank) => m.Length == 3
            ? new BpeMerge(m[0], m[1], m[2])
            : throw new InvalidDataException($"{path}: merge {rank} has {m.Length} entries, expected [left, right, merged]"));
        return new BpeTokenizer([.. merges]);
    }

    public override int? UnknownId => null;

    public override int CodeVersion => 1;

    public override IReadOnlyList<string> CodeFiles => ["BpeTokenizer.cs", "BytePairTrainer.cs"];
}
