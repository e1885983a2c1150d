namespace DslRunner.Tokenizers;

/// <summary>
/// One tokenizer kind of the catalog (named by its choice in <c>ExperimentSchema.TokenizerKind</c>): everything the
/// runtime needs of a kind is an abstract member here, so a new kind cannot leave one out.
/// </summary>
public abstract record TokenizerKindRecord
{
    /// <summary>
    /// Builds (and where the kind needs it, trains) the tokenizer on the training text. <paramref name="vocabulary"/> is
    /// the declared <c>tokenizer.vocab</c>: a size, a cap, or 0 for what the kind or the corpus decides.
    /// </summary>
    public abstract ITokenizer Train(string trainingText, int vocabulary);

    /// <summary>What <c>tokenizer.json</c> keeps of a tokenizer of this kind, so that <see cref="Restore"/> rebuilds it exactly.</summary>
    public abstract TokenizerEntries Entries(ITokenizer tokenizer);

    /// <summary>The tokenizer <see cref="Entries"/> described; <paramref name="path"/> names the file in messages.</summary>
    public abstract ITokenizer Restore(TokenizerEntries entries, string path);

    /// <summary>
    /// The id that stands for any text the tokenizer cannot spell (an unseen character, word or piece), or null for a
    /// kind that spells every text: held-out bits charge an unknown token for spelling out what it stands for.
    /// </summary>
    public abstract int? UnknownId { get; }

    /// <summary>
    /// The version of the code that decides this kind's tokens, part of the token cache's key: raised whenever
    /// <see cref="CodeFiles"/> change what they produce (tests/Tokenizers/TokenizerCodeVersionTests.cs pins it to their hash).
    /// </summary>
    public abstract int CodeVersion { get; }

    /// <summary>This kind's own files under runtime/Tokenizers; the helpers every kind shares are in <see cref="TokenizerCodeVersion"/>.</summary>
    public abstract IReadOnlyList<string> CodeFiles { get; }

    /// <summary>A tokenizer with a vocabulary of fixed size accepts only 0 or that size as <c>tokenizer.vocab</c>.</summary>
    protected static void RequireFixedVocabulary(ITokenizer tokenizer, int vocabulary)
    {
        if (vocabulary != 0 && vocabulary != tokenizer.VocabularySize)
            throw new ArgumentException(
                $"{tokenizer.Name} has a fixed vocabulary of {tokenizer.VocabularySize} tokens; leave vocab unset or set it to {tokenizer.VocabularySize} (got {vocabulary})", nameof(vocabulary));
    }
}

/// <summary>The kind-specific part of <c>tokenizer.json</c>.</summary>
/// <param name="Tokens">char: one character per id; word and WordPiece: the vocabulary in id order.</param>
/// <param name="Merges">BPE: [left, right, merged] in rank order.</param>
/// <param name="PreTokenizer">BPE: its pre-tokenizer pattern; cl100k: its encoding's name.</param>
public sealed record TokenizerEntries(IReadOnlyList<string>? Tokens = null, IReadOnlyList<int[]>? Merges = null, string? PreTokenizer = null)
{
    public static readonly TokenizerEntries None = new();

    public IReadOnlyList<string> RequireTokens(string path) => Tokens ?? throw Lacking(path);

    public IReadOnlyList<int[]> RequireMerges(string path) => Merges ?? throw Lacking(path);

    static InvalidDataException Lacking(string path) => new($"{path} lacks the entries its tokenizer kind needs");
}
