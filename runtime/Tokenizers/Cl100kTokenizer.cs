using Microsoft.ML.Tokenizers;

namespace DslRunner.Tokenizers;

/// <summary>
/// OpenAI's cl100k_base encoding through Microsoft.ML.Tokenizers (vocabulary from its Cl100kBase data package).
/// Byte-level, so decode(encode(x)) == x for every valid UTF-16 string; lone surrogates come back as U+FFFD.
/// Special-token text such as &lt;|endoftext|&gt; is encoded as its special id.
/// </summary>
public sealed class Cl100kTokenizer : ITokenizer
{
    public const string EncodingName = "cl100k_base";

    static readonly Lazy<TiktokenTokenizer> Shared = new(() => TiktokenTokenizer.CreateForEncoding(EncodingName));

    readonly TiktokenTokenizer _tokenizer = Shared.Value;

    /// <summary>cl100k_base ranks 0–100,255 plus its special tokens, the last of which is &lt;|endofprompt|&gt; = 100,276.</summary>
    const int RankCount = 100_256;

    public Cl100kTokenizer() =>
        VocabularySize = 1 + Math.Max(RankCount - 1, _tokenizer.SpecialTokens?.Values.Max() ?? 0);

    public string Name => "cl100k";

    /// <summary>One past the largest id, special tokens included (100,277 for cl100k_base).</summary>
    public int VocabularySize { get; }

    public int[] Encode(string text) => [.. _tokenizer.EncodeToIds(UnknownToken.ReplaceLoneSurrogates(text))];

    public string Decode(ReadOnlySpan<int> tokens) => _tokenizer.Decode(tokens.ToArray());
}

/// <summary>The <c>cl100k</c> tokenizer kind: a fixed vocabulary, nothing trained.</summary>
public sealed record Cl100kTokenizerKind : TokenizerKindRecord
{
    public override ITokenizer Train(string trainingText, int vocabulary)
    {
        var tokenizer = new Cl100kTokenizer();
        RequireFixedVocabulary(tokenizer, vocabulary);
        return tokenizer;
    }

    public override TokenizerEntries Entries(ITokenizer tokenizer) => new(PreTokenizer: Cl100kTokenizer.EncodingName);

    public override ITokenizer Restore(TokenizerEntries entries, string path) => new Cl100kTokenizer();

    public override int? UnknownId => null;

    public override int CodeVersion => 1;

    public override IReadOnlyList<string> CodeFiles => ["Cl100kTokenizer.cs"];
}
