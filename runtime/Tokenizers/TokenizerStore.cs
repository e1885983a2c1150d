using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Tokenizers;

/// <summary>
/// Saves a tokenizer as one JSON file (conventionally <c>tokenizer.json</c> in the run folder) and loads it back
/// so that it encodes and decodes exactly as the saved one. Written atomically.
/// </summary>
public static class TokenizerStore
{
    public const string FileName = "tokenizer.json";
    const string Format = "dslrunner-tokenizer";
    const int Version = 1;

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="Tokens">char: one character per id; word and WordPiece: the vocabulary in id order.</param>
    /// <param name="Merges">BPE: [left, right, merged] in rank order.</param>
    sealed record StoredTokenizer(string Format, int Version, string Kind, int VocabularySize, string? PreTokenizer,
        IReadOnlyList<string>? Tokens, IReadOnlyList<int[]>? Merges);

    public static void Save(ITokenizer tokenizer, string path)
    {
        var stored = tokenizer switch
        {
            CharTokenizer chars => Stored(chars, tokens: [.. chars.Alphabet.Select(rune => rune.ToString())]),
            WordTokenizer words => Stored(words, tokens: words.Vocabulary),
            WordPieceTokenizer pieces => Stored(pieces, tokens: pieces.Vocabulary),
            BpeTokenizer bpe => Stored(bpe, merges: [.. bpe.Merges.Select(m => new[] { m.Left, m.Right, m.Merged })],
                preTokenizer: BytePairPreTokenizer.Pattern),
            Cl100kTokenizer cl100k => Stored(cl100k, preTokenizer: Cl100kTokenizer.EncodingName),
            _ => throw new NotSupportedException($"cannot save a tokenizer of type {tokenizer.GetType().Name}"),
        };
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(stored, Options));
    }

    public static ITokenizer Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no tokenizer at {path}", path);
        StoredTokenizer stored;
        try
        {
            stored = JsonSerializer.Deserialize<StoredTokenizer>(File.ReadAllText(path, Encoding.UTF8), Options)
                ?? throw new InvalidDataException("empty document");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not a tokenizer file: {exception.Message}", exception);
        }
        if (stored.Format != Format || stored.Version != Version)
            throw new InvalidDataException($"{path} is not a {Format} file of version {Version} (found '{stored.Format}' version {stored.Version})");
        ITokenizer tokenizer = stored.Kind switch
        {
            "char" => CharTokenizer.FromAlphabet(Require(stored.Tokens, path).Skip(1).Select(token => Rune.GetRuneAt(token, 0))),
            "word" => WordTokenizer.FromVocabulary(Require(stored.Tokens, path)),
            "wordpiece" => WordPieceTokenizer.FromVocabulary(Require(stored.Tokens, path)),
            "bpe" => LoadBpe(stored, path),
            "cl100k" => new Cl100kTokenizer(),
            _ => throw new InvalidDataException($"{path}: unknown tokenizer kind '{stored.Kind}'"),
        };
        if (tokenizer.VocabularySize != stored.VocabularySize)
            throw new InvalidDataException($"{path}: the stored vocabulary size {stored.VocabularySize} does not match the {tokenizer.VocabularySize} tokens it defines");
        return tokenizer;
    }

    static BpeTokenizer LoadBpe(StoredTokenizer stored, string path)
    {
        if (stored.PreTokenizer != BytePairPreTokenizer.Pattern)
            throw new InvalidDataException($"{path}: the BPE pre-tokenizer pattern differs from this runtime's");
        var merges = Require(stored.Merges, path).Select((m, rank) => m.Length == 3
            ? new BpeMerge(m[0], m[1], m[2])
            : throw new InvalidDataException($"{path}: merge {rank} has {m.Length} entries, expected [left, right, merged]"));
        return new BpeTokenizer([.. merges]);
    }

    static StoredTokenizer Stored(ITokenizer tokenizer, IReadOnlyList<string>? tokens = null, IReadOnlyList<int[]>? merges = null,
        string? preTokenizer = null) =>
        new(Format, Version, tokenizer.Name, tokenizer.VocabularySize, preTokenizer, tokens, merges);

    static T Require<T>(T? value, string path) where T : class =>
        value ?? throw new InvalidDataException($"{path} lacks the entries its tokenizer kind needs");
}
