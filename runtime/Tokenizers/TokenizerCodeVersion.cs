using DslRunner.Config;

namespace DslRunner.Tokenizers;

/// <summary>
/// A version of each tokenizer kind's training and encoding code, part of the token cache's key: raising it makes
/// every cached token stream of that kind a miss, so a changed trainer never reads tokens the old one made.
/// tests/Tokenizers/TokenizerCodeVersionTests.cs pins each version to the SHA-256 of the files it covers and fails
/// when they change while the version stays.
/// </summary>
public static class TokenizerCodeVersion
{
    public static int Of(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Char => 1,
        TokenizerKind.Word => 1,
        TokenizerKind.Bpe => 1,
        TokenizerKind.WordPiece => 2,
        TokenizerKind.Cl100k => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown tokenizer kind"),
    };

    /// <summary>
    /// The files (under runtime/Tokenizers) whose code decides a kind's tokens: its own, and the helpers and the store
    /// every kind shares (a change to one of those is a change to every kind).
    /// </summary>
    public static IReadOnlyList<string> Files(TokenizerKind kind) => [.. Own(kind), .. Shared];

    static readonly string[] Shared =
    [
        "ITokenizer.cs", "TokenizerStore.cs", "UnknownToken.cs", "UnknownSpans.cs", "WordSplitter.cs", "PairKey.cs",
        "ByteFallback.cs", "BytePairPreTokenizer.cs",
    ];

    static string[] Own(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Char => ["CharTokenizer.cs"],
        TokenizerKind.Word => ["WordTokenizer.cs"],
        TokenizerKind.Bpe => ["BpeTokenizer.cs", "BytePairTrainer.cs"],
        TokenizerKind.WordPiece => ["WordPieceTokenizer.cs", "WordPieceTrainer.cs"],
        TokenizerKind.Cl100k => ["Cl100kTokenizer.cs"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown tokenizer kind"),
    };
}
