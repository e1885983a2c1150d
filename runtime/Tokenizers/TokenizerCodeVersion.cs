using DslRunner.Config;

namespace DslRunner.Tokenizers;

/// <summary>
/// A version of each tokenizer kind's training and encoding code (its record's <see cref="TokenizerKindRecord.CodeVersion"/>),
/// part of the token cache's key: raising it makes every cached token stream of that kind a miss, so a changed trainer
/// never reads tokens the old one made. tests/Tokenizers/TokenizerCodeVersionTests.cs pins each version to the SHA-256
/// of the files it covers and fails when they change while the version stays.
/// </summary>
public static class TokenizerCodeVersion
{
    public static int Of(TokenizerKind kind) => TokenizerFactory.Of(kind).CodeVersion;

    /// <summary>
    /// The files (under runtime/Tokenizers) whose code decides a kind's tokens: its own, and the helpers and the store
    /// every kind shares (a change to one of those is a change to every kind).
    /// </summary>
    public static IReadOnlyList<string> Files(TokenizerKind kind) => [.. TokenizerFactory.Of(kind).CodeFiles, .. Shared];

    static readonly string[] Shared =
    [
        "ITokenizer.cs", "TokenizerStore.cs", "TokenizerKindRecord.cs", "UnknownToken.cs", "UnknownSpans.cs", "WordSplitter.cs",
        "PairKey.cs", "ByteFallback.cs", "BytePairPreTokenizer.cs",
    ];
}
