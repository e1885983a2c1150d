namespace DslRunner.Tokenizers;

/// <summary>Where each token of an encoded text starts, in characters of that text.</summary>
public static class TokenOffsets
{
    /// <summary>
    /// Character offsets of the tokens of <paramref name="text"/> (encoded once, as a whole), with the text's length as
    /// the last entry. Needs a tokenizer whose tokens decode one by one back to the text (all of ours do on ASCII text).
    /// </summary>
    public static int[] Starts(ITokenizer tokenizer, int[] tokens, string text)
    {
        var starts = new int[tokens.Length + 1];
        for (int i = 0; i < tokens.Length; i++)
            starts[i + 1] = starts[i] + tokenizer.Decode(tokens.AsSpan(i, 1)).Length;
        if (starts[^1] != text.Length)
            throw new InvalidOperationException(
                $"the {tokenizer.Name} tokenizer does not decode token by token back to the text ({starts[^1]} of {text.Length} characters)");
        return starts;
    }

    /// <summary>The index of the token that holds character <paramref name="offset"/>.</summary>
    public static int TokenAt(int[] starts, int offset)
    {
        int found = Array.BinarySearch(starts, offset);
        return found >= 0 ? found : ~found - 1;
    }
}
