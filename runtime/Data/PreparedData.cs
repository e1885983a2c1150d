using DslRunner.Tokenizers;

namespace DslRunner.Data;

/// <summary>A tokenizer and the tokenized splits an experiment trains and evaluates on.</summary>
public sealed record PreparedData(ITokenizer Tokenizer, TokenSplits Splits, string Description)
{
    /// <summary>True when the tokens were read from the on-disk cache instead of being tokenized again.</summary>
    public bool FromCache { get; init; }

    /// <summary>The texts the splits encode, for a byte budget (<c>data.bytes</c>); null for a token budget, whose split texts depend on the tokenizer.</summary>
    public TextSplits? Texts { get; init; }
}
