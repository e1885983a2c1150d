using System.Text;
using DslRunner.Data;
using DslRunner.Models;
using DslRunner.Tokenizers;

namespace DslRunner.Training;

/// <summary>
/// Bits per byte over only the held-out bytes that lie in rare words: words (<see cref="WordSplitter"/> pieces holding
/// a letter or digit, without the space before them) seen fewer than <see cref="RareBelow"/> times in the training text.
/// Each token's bits — the model's negative log-likelihood, plus the fallback's bits when it is unknown — are shared
/// out over the bytes it covers, and the bytes in rare words keep their share. Comparable across tokenizers that read
/// the same text, like <see cref="HeldOutBits"/>: the rare words are the same bytes for every arm.
/// </summary>
public static class RareWordBits
{
    /// <summary>A word seen fewer times than this in training is rare: never, once or twice.</summary>
    public const int RareBelow = 3;

    /// <summary>Rare-word bits over rare-word bytes of <paramref name="model"/> on the byte budget's test text, and the rare bytes' share of it.</summary>
    public static (double BitsPerByte, double ByteShare) Of(LanguageModel model, PreparedData data, int batch)
    {
        var texts = data.Texts ?? throw new InvalidOperationException("rare-word bits per byte needs a byte budget (data.bytes): its words are read from the text");
        bool wasTraining = model.training;
        model.eval();
        try
        {
            double[] nats = HeldOutBits.TokenNats(inputs => model.call(inputs), model.Context, data.Splits.Validation, data.Splits.Test, batch);
            return Share(nats.Select(n => n / Math.Log(2)).ToArray(), data.Tokenizer, texts.Train, texts.Test, data.Splits.Test);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The share of <paramref name="tokenBits"/> (one per token of <paramref name="tokens"/>, the encoding of <paramref name="text"/>) that falls on rare-word bytes.</summary>
    public static (double BitsPerByte, double ByteShare) Share(double[] tokenBits, ITokenizer tokenizer, string trainText, string text, int[] tokens)
    {
        var trainCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string word in Words(trainText).Select(w => w.Word)) trainCounts[word] = trainCounts.GetValueOrDefault(word) + 1;

        // Bytes of each character of the text, and whether it lies in a rare word.
        text = UnknownToken.ReplaceLoneSurrogates(text);
        var bytes = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
            bytes[i] = char.IsHighSurrogate(text[i]) ? 4 : char.IsLowSurrogate(text[i]) ? 0 : Encoding.UTF8.GetByteCount(text.AsSpan(i, 1));
        var rare = new bool[text.Length];
        foreach (var (word, start) in Words(text))
            if (trainCounts.GetValueOrDefault(word) < RareBelow)
                Array.Fill(rare, true, start, word.Length);

        var fallback = ByteFallback.Train(trainText);
        var unknownSpans = UnknownSpans.Of(tokenizer, text, tokens);
        int? unknownId = UnknownSpans.UnknownId(tokenizer);
        double rareBits = 0;
        long rareBytes = 0, allBytes = 0;
        int offset = 0, unknownIndex = 0;
        for (int t = 0; t < tokens.Length; t++)
        {
            double bits = tokenBits[t];
            int length;
            if (tokens[t] == unknownId)
            {
                string span = unknownSpans[unknownIndex++];
                bits += fallback.Bits(span);
                length = span.Length;
            }
            else length = tokenizer.Decode(tokens.AsSpan(t, 1)).Length;
            if (offset + length > text.Length) throw new InvalidOperationException($"the {tokenizer.Name} tokens do not line up with the text");
            long tokenBytes = 0, tokenRare = 0;
            for (int i = offset; i < offset + length; i++)
            {
                tokenBytes += bytes[i];
                if (rare[i]) tokenRare += bytes[i];
            }
            if (tokenBytes > 0) rareBits += bits * tokenRare / tokenBytes;
            rareBytes += tokenRare;
            allBytes += tokenBytes;
            offset += length;
        }
        if (offset != text.Length) throw new InvalidOperationException($"the {tokenizer.Name} tokens cover {offset} of {text.Length} characters");
        return (rareBytes == 0 ? double.NaN : rareBits / rareBytes, allBytes == 0 ? 0 : (double)rareBytes / allBytes);
    }

    /// <summary>The words of a text with where each starts: pieces holding a letter or digit, the space before them left out.</summary>
    static IEnumerable<(string Word, int Start)> Words(string text)
    {
        int offset = 0;
        foreach (string piece in WordSplitter.Split(text))
        {
            int lead = piece.StartsWith(' ') ? 1 : 0;
            if (piece.Skip(lead).Any(char.IsLetterOrDigit))
                yield return (piece[lead..], offset + lead);
            offset += piece.Length;
        }
    }
}
