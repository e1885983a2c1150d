namespace DslRunner.Tokenizers;

/// <summary>Turns text into token ids and back.</summary>
public interface ITokenizer
{
    /// <summary>A short name for logs and manifests (e.g. "char").</summary>
    string Name { get; }

    int VocabularySize { get; }

    int[] Encode(string text);

    string Decode(ReadOnlySpan<int> tokens);
}
