using System.Text;

namespace DslRunner.Tokenizers;

/// <summary>
/// The fallback that spells out what an unknown token stands for, so an unknown word is not free: a unigram model of
/// UTF-8 bytes and an end-of-span symbol, estimated on the training text (each <see cref="WordSplitter"/> piece is one
/// span) with add-one smoothing over the 256 byte values and the end symbol. A span costs the bits of its bytes and of
/// its end, a prefix-free code, so the model's probability of the unknown token times this spelling's is a probability
/// of the text itself.
/// </summary>
public sealed class ByteFallback
{
    const int Symbols = 257;
    const int End = 256;
    readonly double[] _bits = new double[Symbols];

    ByteFallback(long[] counts)
    {
        double total = counts.Sum() + (double)Symbols;
        for (int s = 0; s < Symbols; s++) _bits[s] = -Math.Log2((counts[s] + 1) / total);
    }

    public static ByteFallback Train(string trainingText)
    {
        var counts = new long[Symbols];
        foreach (byte b in Encoding.UTF8.GetBytes(trainingText)) counts[b]++;
        counts[End] = WordSplitter.Split(trainingText).Count;
        return new ByteFallback(counts);
    }

    /// <summary>Bits to spell <paramref name="span"/>: each UTF-8 byte, then the end symbol.</summary>
    public double Bits(string span) => Encoding.UTF8.GetBytes(span).Sum(b => _bits[b]) + _bits[End];
}
