using System.Text;
using Microsoft.ML.Tokenizers;

namespace DslRunner.Tokenizers;

/// <summary>
/// A trained <see cref="BpeTokenizer"/> as a Microsoft.ML.Tokenizers <see cref="TiktokenTokenizer"/>: the same
/// token bytes with rank = id and the same pre-tokenizer. Tiktoken merges by the rank of the joined bytes, which
/// replays merges learned in order, so both give the same ids.
/// </summary>
public static class TiktokenExport
{
    public static TiktokenTokenizer ToTiktoken(BpeTokenizer tokenizer)
    {
        var ranks = new StringBuilder();
        for (int id = 0; id < tokenizer.VocabularySize; id++)
            ranks.Append(Convert.ToBase64String(tokenizer.BytesOf(id))).Append(' ').Append(id).Append('\n');
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(ranks.ToString()));
        return TiktokenTokenizer.Create(stream, new RegexPreTokenizer(BytePairPreTokenizer.Regex(), null), normalizer: null);
    }
}
