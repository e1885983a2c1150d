using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// The UTF-8 bytes of the text as 256 ids, nothing trained: no text is unknown and the vocabulary is the same for every
/// corpus. decode(encode(x)) == x for every valid UTF-16 string; lone surrogates are encoded as U+FFFD, and ids that end
/// inside a UTF-8 sequence decode to U+FFFD.
/// </summary>
public sealed class ByteTokenizer : ITokenizer
{
    public const int ByteCount = 256;

    public string Name => "byte";

    public int VocabularySize => ByteCount;

    public int[] Encode(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var ids = new int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) ids[i] = bytes[i];
        return ids;
    }

    public string Decode(ReadOnlySpan<int> tokens)
    {
        var bytes = new byte[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
            bytes[i] = (uint)tokens[i] < ByteCount
                ? (byte)tokens[i]
                : throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"a byte id is below {ByteCount}");
        return Encoding.UTF8.GetString(bytes);
    }
}

/// <summary>The <c>byte</c> tokenizer kind: a fixed vocabulary of 256 byte ids.</summary>
public sealed record ByteTokenizerKind : TokenizerKindRecord
{
    public override ITokenizer Train(string trainingText, int vocabulary)
    {
        var tokenizer = new ByteTokenizer();
        RequireFixedVocabulary(tokenizer, vocabulary);
        return tokenizer;
    }

    public override TokenizerEntries Entries(ITokenizer tokenizer) => TokenizerEntries.None;

    public override ITokenizer Restore(TokenizerEntries entries, string path) => new ByteTokenizer();

    public override int? UnknownId => null;

    public override int CodeVersion => 1;

    public override IReadOnlyList<string> CodeFiles => ["ByteTokenizer.cs"];
}
