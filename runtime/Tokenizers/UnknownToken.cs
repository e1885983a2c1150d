namespace DslRunner.Tokenizers;

/// <summary>How the tokenizers with a closed vocabulary spell the token that stands for anything unseen.</summary>
public static class UnknownToken
{
    /// <summary>The unknown token's entry in a stored vocabulary (id 0 for word and WordPiece).</summary>
    public const string Name = "[UNK]";

    /// <summary>What an unknown token decodes to: U+FFFD, the Unicode replacement character.</summary>
    public const string Decoded = "\uFFFD";

    /// <summary>Replaces every unpaired UTF-16 surrogate with U+FFFD; returns the same instance when there is none.</summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        int first = IndexOfLoneSurrogate(text, 0);
        if (first < 0) return text;
        var chars = text.ToCharArray();
        for (int i = first; i >= 0; i = IndexOfLoneSurrogate(text, i + 1))
            chars[i] = '\uFFFD';
        return new string(chars);
    }

    static int IndexOfLoneSurrogate(string text, int start)
    {
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            return i;
        }
        return -1;
    }
}
