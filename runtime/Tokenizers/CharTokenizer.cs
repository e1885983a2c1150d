using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// One token per Unicode scalar value seen in the training text, plus an unknown token (id 0).
/// Ids are assigned in code-point order, so the same text always gives the same vocabulary.
/// </summary>
public sealed class CharTokenizer : ITokenizer
{
    public const int UnknownId = 0;
    const char UnknownChar = '\uFFFD';

    readonly Rune[] _runes;
    readonly Dictionary<Rune, int> _ids;

    CharTokenizer(IEnumerable<Rune> alphabet)
    {
        _runes = [new Rune(UnknownChar), .. alphabet.Distinct().Where(r => r.Value != UnknownChar).OrderBy(r => r.Value)];
        _ids = new Dictionary<Rune, int>(_runes.Length);
        for (int i = 0; i < _runes.Length; i++) _ids[_runes[i]] = i;
    }

    public static CharTokenizer Train(string text) => new(text.EnumerateRunes());

    public static CharTokenizer FromAlphabet(IEnumerable<Rune> alphabet) => new(alphabet);

    public string Name => "char";

    public int VocabularySize => _runes.Length;

    /// <summary>The vocabulary, ordered by id (id 0 is the unknown token).</summary>
    public IReadOnlyList<Rune> Alphabet => _runes;

    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
            ids.Add(_ids.GetValueOrDefault(rune, UnknownId));
        return [.. ids];
    }

    public string Decode(ReadOnlySpan<int> tokens)
    {
        var builder = new StringBuilder(tokens.Length);
        foreach (int id in tokens)
            builder.Append((uint)id < (uint)_runes.Length ? _runes[id].ToString() : UnknownChar.ToString());
        return builder.ToString();
    }
}

/// <summary>The <c>char</c> tokenizer kind: its alphabet is whatever the training text holds.</summary>
public sealed record CharTokenizerKind : TokenizerKindRecord
{
    public override ITokenizer Train(string trainingText, int vocabulary) => CharTokenizer.Train(trainingText);

    public override TokenizerEntries Entries(ITokenizer tokenizer) =>
        new(Tokens: [.. ((CharTokenizer)tokenizer).Alphabet.Select(rune => rune.ToString())]);

    public override ITokenizer Restore(TokenizerEntries entries, string path) =>
        CharTokenizer.FromAlphabet(entries.RequireTokens(path).Skip(1).Select(token => Rune.GetRuneAt(token, 0)));

    public override int? UnknownId => CharTokenizer.UnknownId;

    public override int CodeVersion => 1;

    public override IReadOnlyList<string> CodeFiles => ["CharTokenizer.cs"];
}
