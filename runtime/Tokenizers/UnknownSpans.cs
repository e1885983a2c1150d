namespace DslRunner.Tokenizers;

/// <summary>
/// The text behind each unknown token of an encoded text: the word a word tokenizer did not know, the word WordPiece
/// could not cut, the character a char tokenizer never saw. Byte-level tokenizers (BPE, cl100k) have no unknown token.
/// </summary>
public static class UnknownSpans
{
    /// <summary>The id that stands for anything unseen, or null for a tokenizer that spells every text (its kind's <see cref="TokenizerKindRecord.UnknownId"/>).</summary>
    public static int? UnknownId(ITokenizer tokenizer) =>
        (TokenizerFactory.Named(tokenizer.Name) ?? throw new ArgumentException($"no tokenizer kind is named {tokenizer.Name}", nameof(tokenizer))).UnknownId;

    /// <summary>The texts the unknown tokens of <paramref name="tokens"/> (the encoding of <paramref name="text"/>) stand for, in order.</summary>
    public static IReadOnlyList<string> Of(ITokenizer tokenizer, string text, int[] tokens)
    {
        if (UnknownId(tokenizer) is not int unknown) return [];
        // Word and WordPiece encode each WordSplitter piece on its own and make one unknown token of a whole piece;
        // char encodes each character on its own.
        IEnumerable<string> units = tokenizer is CharTokenizer
            ? UnknownToken.ReplaceLoneSurrogates(text).EnumerateRunes().Select(rune => rune.ToString())
            : WordSplitter.Split(text);
        var spans = units.Where(unit => tokenizer.Encode(unit) is [var id] && id == unknown).ToList();
        int inTokens = tokens.Count(id => id == unknown);
        if (spans.Count != inTokens)
            throw new InvalidOperationException(
                $"the {tokenizer.Name} tokenizer's encoding holds {inTokens} unknown tokens, but {spans.Count} unknown pieces were found in its text");
        return spans;
    }
}
