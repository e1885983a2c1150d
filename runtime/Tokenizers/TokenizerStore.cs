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

    /// <summary>The file: its format and kind, then the kind's <see cref="TokenizerEntries"/>.</summary>
    sealed record StoredTokenizer(string Format, int Version, string Kind, int VocabularySize, string? PreTokenizer,
        IReadOnlyList<string>? Tokens, IReadOnlyList<int[]>? Merges);

    public static void Save(ITokenizer tokenizer, string path)
    {
        var kind = TokenizerFactory.Named(tokenizer.Name)
            ?? throw new NotSupportedException($"cannot save a tokenizer of type {tokenizer.GetType().Name}: no tokenizer kind is named {tokenizer.Name}");
        var entries = kind.Entries(tokenizer);
        var stored = new StoredTokenizer(Format, Version, tokenizer.Name, tokenizer.VocabularySize, entries.PreTokenizer, entries.Tokens, entries.Merges);
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
        var kind = TokenizerFactory.Named(stored.Kind) ?? throw new InvalidDataException($"{path}: unknown tokenizer kind '{stored.Kind}'");
        var tokenizer = kind.Restore(new TokenizerEntries(stored.Tokens, stored.Merges, stored.PreTokenizer), path);
        if (tokenizer.VocabularySize != stored.VocabularySize)
            throw new InvalidDataException($"{path}: the stored vocabulary size {stored.VocabularySize} does not match the {tokenizer.VocabularySize} tokens it defines");
        return tokenizer;
    }
}
