using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// One token per <see cref="WordSplitter"/> piece seen in training, most frequent first, plus the unknown token
/// (id 0). Decoding concatenates the pieces, so decode(encode(x)) == x whenever every piece of x is in the
/// vocabulary; an unseen piece decodes as U+FFFD, and lone surrogates come back as U+FFFD.
/// </summary>
public sealed class WordTokenizer : ITokenizer
{
    public const int UnknownId = 0;

    readonly string[] _tokens;
    readonly Dictionary<string, int> _ids;

    WordTokenizer(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 1; i < tokens.Length; i++) _ids[tokens[i]] = i;
    }

    /// <param name="vocabularySize">The cap on the vocabulary, unknown token included; 0 keeps every piece seen.</param>
    public static WordTokenizer Train(string text, int vocabularySize)
    {
        if (vocabularySize is < 0 or 1)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize, "the word vocabulary needs at least 2 entries (the unknown token and one word), or 0 for every word seen");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string piece in WordSplitter.Split(text))
            counts[piece] = counts.GetValueOrDefault(piece) + 1;
        var ranked = counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key);
        if (vocabularySize > 0) ranked = ranked.Take(vocabularySize - 1);
        return new WordTokenizer([UnknownToken.Name, .. ranked]);
    }

    /// <summary>Rebuilds a tokenizer from its vocabulary in id order (id 0 is the unknown token).</summary>
    public static WordTokenizer FromVocabulary(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0 || tokens[0] != UnknownToken.Name)
            throw new InvalidDataException($"a word vocabulary starts with {UnknownToken.Name}");
        return new WordTokenizer([.. tokens]);
    }

    public string Name => "word";

    public int VocabularySize => _tokens.Length;

    /// <summary>The vocabulary in id order; entry 0 is <see cref="UnknownToken.Name"/>.</summary>
    public IReadOnlyList<string> Vocabulary => _tokens;

    public int[] Encode(string text)
    {
        var pieces = WordSplitter.Split(text);
        var ids = new int[pieces.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = _ids.GetValueOrDefault(pieces[i], UnknownId);
        return ids;
    }

    public string Decode(ReadOnlySpan<int> tokens)
    {
        var builder = new StringBuilder();
        foreach (int id in tokens)
            builder.Append(id > UnknownId && id < _tokens.Length ? _tokens[id] : UnknownToken.Decoded);
        return builder.ToString();
    }
}

/// <summary>The <c>word</c> tokenizer kind: <c>vocab</c> caps the vocabulary (0 = every word seen).</summary>
public sealed record WordTokenizerKind : TokenizerKindRecord
{
    public override ITokenizer Train(string trainingText, int vocabulary) => WordTokenizer.Train(trainingText, vocabulary);

    public override TokenizerEntries Entries(ITokenizer tokenizer) => new(Tokens: ((WordTokenizer)tokenizer).Vocabulary);

    public override ITokenizer Restore(TokenizerEntries entries, string path) => WordTokenizer.FromVocabulary(entries.RequireTokens(path));

    public override int? UnknownId => WordTokenizer.UnknownId;

    public override int CodeVersion => 1;

    public override IReadOnlyList<string> CodeFiles => ["WordTokenizer.cs"];
}
