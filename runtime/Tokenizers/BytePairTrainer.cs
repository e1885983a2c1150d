using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// Learns byte-level BPE merges: start from the 256 byte tokens and repeatedly merge the most frequent adjacent
/// pair until the vocabulary holds the declared number of tokens (fewer only when no pair is left to merge).
/// With a declared size of 0 ("what the corpus needs") merging goes on while some pair occurs at least twice.
/// Ties go to the pair with the smaller left id, then the smaller right id. Pair counts are kept up to date
/// incrementally: a merge touches only the distinct words that contain the pair.
/// </summary>
public static class BytePairTrainer
{
    public static BpeTokenizer Train(string text, int vocabularySize)
    {
        if (vocabularySize is not 0 and < BpeTokenizer.ByteCount)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize,
                $"a byte-level BPE vocabulary holds at least the {BpeTokenizer.ByteCount} byte tokens (or 0 for what the corpus needs)");
        long minimumCount = vocabularySize == 0 ? 2 : 1;
        if (vocabularySize == 0) vocabularySize = int.MaxValue;
        var state = new MergeState(BytePairPreTokenizer.CountPieces(UnknownToken.ReplaceLoneSurrogates(text)));
        var merges = new List<BpeMerge>();
        var tokens = Enumerable.Range(0, BpeTokenizer.ByteCount).Select(b => new[] { (byte)b }).ToList();
        var idOfBytes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int b = 0; b < tokens.Count; b++) idOfBytes[Encoding.Latin1.GetString(tokens[b])] = b;

        while (tokens.Count < vocabularySize && state.TryTakeBestPair(minimumCount, out int left, out int right))
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
        readonly int[] _lengths;
        readonly long[] _counts;
        readonly Dictionary<long, long> _pairCounts = new(PairKey.Comparer);
        readonly Dictionary<long, List<int>> _wordsWithPair = new(PairKey.Comparer);
        readonly PriorityQueue<long, (long Count, long Pair)> _queue = new(MostFrequentFirst.Instance);
        readonly int[] _visited;
        int _stamp;

        public MergeState(Dictionary<string, long> pieceCounts)
        {
            var pieces = pieceCounts.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
            _words = new int[pieces.Length][];
            _lengths = new int[pieces.Length];
            _counts = new long[pieces.Length];
            _visited = new int[pieces.Length];
            for (int w = 0; w < pieces.Length; w++)
            {
                _words[w] = Encoding.UTF8.GetBytes(pieces[w].Key).Select(b => (int)b).ToArray();
                _lengths[w] = _words[w].Length;
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

        public bool TryTakeBestPair(long minimumCount, out int left, out int right)
        {
            while (_queue.TryDequeue(out long pair, out var queued) && queued.Count >= minimumCount)
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

        /// <summary>
        /// Replaces every (left, right) in the words that hold it, in place, counting only the pairs next to each
        /// occurrence: (x, left) becomes (x, merged) and (right, y) becomes (merged, y), where x is the symbol
        /// already written to the left (itself possibly just merged) and y the next unread one.
        /// </summary>
        public void Merge(int left, int right, int merged)
        {
            long target = Pack(left, right);
            var changes = new Dictionary<long, long>(PairKey.Comparer);
            _stamp++;
            foreach (int w in _wordsWithPair[target])
            {
                if (_visited[w] == _stamp) continue;
                _visited[w] = _stamp;
                var symbols = _words[w];
                int length = _lengths[w];
                long count = _counts[w];
                int write = 0;
                for (int read = 0; read < length; read++)
                {
                    if (read + 1 < length && symbols[read] == left && symbols[read + 1] == right)
                    {
                        Add(changes, target, -count);
                        if (write > 0)
                        {
                            int before = symbols[write - 1];
                            Add(changes, Pack(before, left), -count);
                            AddPairOfWord(changes, Pack(before, merged), count, w);
                        }
                        if (read + 2 < length)
                        {
                            int after = symbols[read + 2];
                            Add(changes, Pack(right, after), -count);
                            AddPairOfWord(changes, Pack(merged, after), count, w);
                        }
                        symbols[write++] = merged;
                        read++;
                    }
                    else symbols[write++] = symbols[read];
                }
                _lengths[w] = write;
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

        void AddPairOfWord(Dictionary<long, long> changes, long pair, long count, int word)
        {
            Add(changes, pair, count);
            WordsWith(pair).Add(word);
        }

        List<int> WordsWith(long pair)
        {
            if (!_wordsWithPair.TryGetValue(pair, out var words)) _wordsWithPair[pair] = words = [];
            return words;
        }

        static void Add(Dictionary<long, long> changes, long pair, long delta) =>
            changes[pair] = changes.GetValueOrDefault(pair) + delta;
    }

    static long Pack(int left, int right) => PairKey.Pack(left, right);

    static (int Left, int Right) Unpack(long pair) => PairKey.Unpack(pair);

    /// <summary>Highest count first; among equal counts the smaller packed pair (left id, then right id).</summary>
    sealed class MostFrequentFirst : IComparer<(long Count, long Pair)>
    {
        public static readonly MostFrequentFirst Instance = new();

        public int Compare((long Count, long Pair) x, (long Count, long Pair) y) =>
            x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair);
    }
}
