using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// Learns byte-level BPE merges: start from the 256 byte tokens and repeatedly merge the most frequent adjacent
/// pair until the vocabulary holds the declared number of tokens (fewer only when no pair is left to merge).
/// Ties go to the pair with the smaller left id, then the smaller right id. Pair counts are kept up to date
/// incrementally: a merge touches only the distinct words that contain the pair.
/// </summary>
public static class BytePairTrainer
{
    public static BpeTokenizer Train(string text, int vocabularySize)
    {
        if (vocabularySize < BpeTokenizer.ByteCount)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize,
                $"a byte-level BPE vocabulary holds at least the {BpeTokenizer.ByteCount} byte tokens");
        var state = new MergeState(BytePairPreTokenizer.CountPieces(UnknownToken.ReplaceLoneSurrogates(text)));
        var merges = new List<BpeMerge>();
        var tokens = Enumerable.Range(0, BpeTokenizer.ByteCount).Select(b => new[] { (byte)b }).ToList();
        var idOfBytes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int b = 0; b < tokens.Count; b++) idOfBytes[Encoding.Latin1.GetString(tokens[b])] = b;

        while (tokens.Count < vocabularySize && state.TryTakeBestPair(out int left, out int right))
        {
            byte[] bytes = [.. tokens[left], .. tokens[right]];
            string key = Encoding.Latin1.GetString(bytes);
            if (!idOfBytes.TryGetValue(key, out int merged))
            {
                merged = tokens.Count;
                tokens.Add(bytes);
                idOfBytes[key] = merged;
            }
            merges.Add(new BpeMerge(left, right, merged));
            state.Merge(left, right, merged);
        }
        return new BpeTokenizer(merges);
    }

    sealed class MergeState
    {
        readonly int[][] _words;
        readonly long[] _counts;
        readonly Dictionary<long, long> _pairCounts = [];
        readonly Dictionary<long, List<int>> _wordsWithPair = [];
        readonly PriorityQueue<long, (long Count, long Pair)> _queue = new(MostFrequentFirst.Instance);
        readonly int[] _visited;
        int _stamp;

        public MergeState(Dictionary<string, long> pieceCounts)
        {
            var pieces = pieceCounts.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
            _words = new int[pieces.Length][];
            _counts = new long[pieces.Length];
            _visited = new int[pieces.Length];
            for (int w = 0; w < pieces.Length; w++)
            {
                _words[w] = Encoding.UTF8.GetBytes(pieces[w].Key).Select(b => (int)b).ToArray();
                _counts[w] = pieces[w].Value;
                var symbols = _words[w];
                for (int i = 0; i + 1 < symbols.Length; i++)
                {
                    long pair = Pack(symbols[i], symbols[i + 1]);
                    _pairCounts[pair] = _pairCounts.GetValueOrDefault(pair) + _counts[w];
                    WordsWith(pair).Add(w);
                }
            }
            foreach (var (pair, count) in _pairCounts) _queue.Enqueue(pair, (count, pair));
        }

        public bool TryTakeBestPair(out int left, out int right)
        {
            while (_queue.TryDequeue(out long pair, out var queued))
            {
                long current = _pairCounts.GetValueOrDefault(pair);
                if (current == queued.Count)
                {
                    (left, right) = Unpack(pair);
                    return true;
                }
                if (current > 0 && current < queued.Count) _queue.Enqueue(pair, (current, pair));
            }
            (left, right) = (-1, -1);
            return false;
        }

        public void Merge(int left, int right, int merged)
        {
            long target = Pack(left, right);
            var changes = new Dictionary<long, long>();
            _stamp++;
            foreach (int w in _wordsWithPair[target])
            {
                if (_visited[w] == _stamp) continue;
                _visited[w] = _stamp;
                var before = _words[w];
                var after = Replace(before, left, right, merged);
                if (after.Length == before.Length) continue;
                long count = _counts[w];
                for (int i = 0; i + 1 < before.Length; i++) Add(changes, Pack(before[i], before[i + 1]), -count);
                for (int i = 0; i + 1 < after.Length; i++)
                {
                    long pair = Pack(after[i], after[i + 1]);
                    Add(changes, pair, count);
                    if (after[i] == merged || after[i + 1] == merged) WordsWith(pair).Add(w);
                }
                _words[w] = after;
            }
            _wordsWithPair.Remove(target);
            foreach (var (pair, change) in changes)
            {
                if (change == 0) continue;
                long updated = _pairCounts.GetValueOrDefault(pair) + change;
                if (updated <= 0)
                {
                    _pairCounts.Remove(pair);
                    _wordsWithPair.Remove(pair);
                    continue;
                }
                _pairCounts[pair] = updated;
                if (change > 0) _queue.Enqueue(pair, (updated, pair));
            }
        }

        static int[] Replace(int[] symbols, int left, int right, int merged)
        {
            var result = new List<int>(symbols.Length);
            for (int i = 0; i < symbols.Length; i++)
            {
                if (i + 1 < symbols.Length && symbols[i] == left && symbols[i + 1] == right)
                {
                    result.Add(merged);
                    i++;
                }
                else result.Add(symbols[i]);
            }
            return [.. result];
        }

        List<int> WordsWith(long pair)
        {
            if (!_wordsWithPair.TryGetValue(pair, out var words)) _wordsWithPair[pair] = words = [];
            return words;
        }

        static void Add(Dictionary<long, long> changes, long pair, long delta) =>
            changes[pair] = changes.GetValueOrDefault(pair) + delta;
    }

    static long Pack(int left, int right) => ((long)left << 32) | (uint)right;

    static (int Left, int Right) Unpack(long pair) => ((int)(pair >> 32), (int)(uint)pair);

    /// <summary>Highest count first; among equal counts the smaller packed pair (left id, then right id).</summary>
    sealed class MostFrequentFirst : IComparer<(long Count, long Pair)>
    {
        public static readonly MostFrequentFirst Instance = new();

        public int Compare((long Count, long Pair) x, (long Count, long Pair) y) =>
            x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair);
    }
}
