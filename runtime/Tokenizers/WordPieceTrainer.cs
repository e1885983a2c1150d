using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// Learns a WordPiece vocabulary: the alphabet (a word's first character plain, later ones with ##), then merges chosen
/// by likelihood — the pair with the highest freq(ab) / (freq(a) · freq(b)) among pairs seen at least
/// <see cref="MinimumPairCount"/> times — until the declared size, or while such a pair is left for a declared size of 0
/// ("what the corpus needs", which keeps the whole alphabet). A word's first character carries the single space
/// <see cref="WordSplitter"/> leaves before it (" c", "##a", "##t"): that space marks a word start, as the plain first
/// piece does in whitespace-split WordPiece, and kept apart it would be one symbol in nearly every word, whose count
/// would sink the score of every pair that starts a word. Ties go to the smaller left id, then the smaller right id.
/// When the alphabet alone exceeds the declared size, the most frequent symbols are kept and words spelled with the
/// others are left to [UNK].
/// Counts are updated incrementally: a merge touches only the words that contain the pair, and only the scores of
/// pairs that share a symbol with it are requeued.
/// </summary>
public static class WordPieceTrainer
{
    /// <summary>
    /// A pair seen once scores highest of all whenever its two symbols occur nowhere else (1 / (1 · 1)), so without a
    /// floor the likelihood score spends the vocabulary on one-off spellings before any common piece.
    /// </summary>
    public const long MinimumPairCount = 2;

    public static WordPieceTokenizer Train(string text, int vocabularySize)
    {
        if (vocabularySize is 1 or < 0)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize,
                "a WordPiece vocabulary needs at least 2 entries ([UNK] and one piece), or 0 for what the corpus needs");
        long minimumCount = MinimumPairCount;
        if (vocabularySize == 0) vocabularySize = int.MaxValue;
        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string piece in WordSplitter.Split(text))
            wordCounts[piece] = wordCounts.GetValueOrDefault(piece) + 1;
        var words = wordCounts.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (Symbols: Spell(pair.Key), Count: pair.Value)).ToList();

        var alphabet = words.SelectMany(word => word.Symbols.Select(symbol => (symbol, word.Count)))
            .GroupBy(entry => entry.symbol, StringComparer.Ordinal)
            .Select(group => (Symbol: group.Key, Count: group.Sum(entry => entry.Count)))
            .OrderByDescending(entry => entry.Count).ThenBy(entry => entry.Symbol, StringComparer.Ordinal)
            .Take(vocabularySize - 1)
            .Select(entry => entry.Symbol)
            .OrderBy(symbol => symbol, StringComparer.Ordinal)
            .ToList();

        var tokens = new List<string> { UnknownToken.Name };
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string symbol in alphabet) { ids[symbol] = tokens.Count; tokens.Add(symbol); }

        var spelled = words.Where(word => word.Symbols.All(ids.ContainsKey))
            .Select(word => (word.Symbols.Select(symbol => ids[symbol]).ToArray(), word.Count)).ToList();
        var state = new LikelihoodState(spelled);
        while (tokens.Count < vocabularySize && state.TryTakeBestPair(minimumCount, out int left, out int right))
        {
            string joined = tokens[left] + Strip(tokens[right]);
            if (!ids.TryGetValue(joined, out int merged))
            {
                merged = tokens.Count;
                tokens.Add(joined);
                ids[joined] = merged;
            }
            state.Merge(left, right, merged);
        }
        return WordPieceTokenizer.FromVocabulary(tokens);
    }

    /// <summary>A word's symbols: its first character (with the space before it, if any) plain, the others with ##.</summary>
    internal static string[] Spell(string word)
    {
        var symbols = new List<string>();
        string lead = word.Length > 1 && word[0] == ' ' && word[1] != ' ' ? " " : "";
        foreach (var rune in word[lead.Length..].EnumerateRunes())
            symbols.Add(symbols.Count == 0 ? lead + rune : WordPieceTokenizer.ContinuationPrefix + rune);
        return [.. symbols];
    }

    static string Strip(string token) => token.StartsWith(WordPieceTokenizer.ContinuationPrefix, StringComparison.Ordinal)
        ? token[WordPieceTokenizer.ContinuationPrefix.Length..]
        : token;

    sealed class LikelihoodState
    {
        readonly int[][] _words;
        readonly long[] _counts;
        readonly Dictionary<long, long> _pairCounts = new(PairKey.Comparer);
        readonly Dictionary<int, long> _symbolCounts = [];
        readonly Dictionary<long, List<int>> _wordsWithPair = new(PairKey.Comparer);
        readonly Dictionary<int, HashSet<long>> _pairsWithSymbol = [];
        readonly PriorityQueue<long, (double Score, long Pair)> _queue = new(HighestScoreFirst.Instance);
        readonly int[] _visited;
        int _stamp;

        public LikelihoodState(List<(int[] Symbols, long Count)> words)
        {
            _words = words.Select(word => word.Symbols).ToArray();
            _counts = words.Select(word => word.Count).ToArray();
            _visited = new int[_words.Length];
            for (int w = 0; w < _words.Length; w++)
            {
                var symbols = _words[w];
                foreach (int symbol in symbols) _symbolCounts[symbol] = _symbolCounts.GetValueOrDefault(symbol) + _counts[w];
                for (int i = 0; i + 1 < symbols.Length; i++)
                {
                    long pair = Pack(symbols[i], symbols[i + 1]);
                    _pairCounts[pair] = _pairCounts.GetValueOrDefault(pair) + _counts[w];
                    WordsWith(pair).Add(w);
                }
            }
            foreach (long pair in _pairCounts.Keys)
            {
                IndexPair(pair);
                _queue.Enqueue(pair, (Score(pair), pair));
            }
        }

        double Score(long pair)
        {
            var (left, right) = Unpack(pair);
            return _pairCounts[pair] / ((double)_symbolCounts[left] * _symbolCounts[right]);
        }

        /// <summary>The best-scoring pair that occurs at least <paramref name="minimumCount"/> times.</summary>
        public bool TryTakeBestPair(long minimumCount, out int left, out int right)
        {
            while (_queue.TryDequeue(out long pair, out var queued))
            {
                // A rarer pair is dropped: its count only grows when it is re-created, and then it is queued again.
                if (_pairCounts.GetValueOrDefault(pair) < minimumCount) continue;
                double current = Score(pair);
                if (current == queued.Score)
                {
                    (left, right) = Unpack(pair);
                    return true;
                }
                if (current < queued.Score) _queue.Enqueue(pair, (current, pair));
            }
            (left, right) = (-1, -1);
            return false;
        }

        public void Merge(int left, int right, int merged)
        {
            long target = Pack(left, right);
            var pairChanges = new Dictionary<long, long>(PairKey.Comparer);
            var symbolChanges = new Dictionary<int, long>();
            _stamp++;
            foreach (int w in _wordsWithPair[target])
            {
                if (_visited[w] == _stamp) continue;
                _visited[w] = _stamp;
                var before = _words[w];
                var after = Replace(before, left, right, merged);
                if (after.Length == before.Length) continue;
                long count = _counts[w];
                foreach (int symbol in before) Add(symbolChanges, symbol, -count);
                foreach (int symbol in after) Add(symbolChanges, symbol, count);
                for (int i = 0; i + 1 < before.Length; i++) Add(pairChanges, Pack(before[i], before[i + 1]), -count);
                for (int i = 0; i + 1 < after.Length; i++)
                {
                    long pair = Pack(after[i], after[i + 1]);
                    Add(pairChanges, pair, count);
                    if (after[i] == merged || after[i + 1] == merged) WordsWith(pair).Add(w);
                }
                _words[w] = after;
            }
            _wordsWithPair.Remove(target);
            foreach (var (symbol, change) in symbolChanges)
                _symbolCounts[symbol] = _symbolCounts.GetValueOrDefault(symbol) + change;
            foreach (var (pair, change) in pairChanges)
            {
                if (change == 0) continue;
                long updated = _pairCounts.GetValueOrDefault(pair) + change;
                if (updated <= 0)
                {
                    _pairCounts.Remove(pair);
                    _wordsWithPair.Remove(pair);
                    UnindexPair(pair);
                    continue;
                }
                if (!_pairCounts.ContainsKey(pair)) IndexPair(pair);
                _pairCounts[pair] = updated;
            }
            // Fewer occurrences of left and right raise the score of every pair that still holds them.
            var requeue = new HashSet<long>(pairChanges.Keys.Where(_pairCounts.ContainsKey), PairKey.Comparer);
            foreach (int symbol in (int[])[left, right, merged])
                if (_pairsWithSymbol.TryGetValue(symbol, out var pairs)) requeue.UnionWith(pairs);
            foreach (long pair in requeue) _queue.Enqueue(pair, (Score(pair), pair));
        }

        void IndexPair(long pair)
        {
            var (left, right) = Unpack(pair);
            PairsWith(left).Add(pair);
            PairsWith(right).Add(pair);
        }

        void UnindexPair(long pair)
        {
            var (left, right) = Unpack(pair);
            PairsWith(left).Remove(pair);
            PairsWith(right).Remove(pair);
        }

        HashSet<long> PairsWith(int symbol)
        {
            if (!_pairsWithSymbol.TryGetValue(symbol, out var pairs)) _pairsWithSymbol[symbol] = pairs = new(PairKey.Comparer);
            return pairs;
        }

        List<int> WordsWith(long pair)
        {
            if (!_wordsWithPair.TryGetValue(pair, out var words)) _wordsWithPair[pair] = words = [];
            return words;
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

        static void Add<TKey>(Dictionary<TKey, long> changes, TKey key, long delta) where TKey : notnull =>
            changes[key] = changes.GetValueOrDefault(key) + delta;
    }

    static long Pack(int left, int right) => PairKey.Pack(left, right);

    static (int Left, int Right) Unpack(long pair) => PairKey.Unpack(pair);

    sealed class HighestScoreFirst : IComparer<(double Score, long Pair)>
    {
        public static readonly HighestScoreFirst Instance = new();

        public int Compare((double Score, long Pair) x, (double Score, long Pair) y) =>
            x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Pair.CompareTo(y.Pair);
    }
}
