using System.Text;
using DslRunner.Data;
using DslRunner.Models;
using DslRunner.Tokenizers;
using static TorchSharp.torch;

namespace DslRunner.Training;

/// <summary>
/// Bits per byte of a held-out text, comparable across tokenizers: the negative log-likelihood of every token of the
/// text, plus the fallback's bits for spelling out what each unknown token stands for, over the UTF-8 bytes of exactly
/// that text.
/// </summary>
/// <param name="ModelBits">The model's negative log-likelihood of every token of the text, in bits.</param>
/// <param name="FallbackBits">Bits the fallback spends spelling the unknown tokens' texts (<see cref="ByteFallback"/>).</param>
/// <param name="Bytes">UTF-8 bytes of the text.</param>
/// <param name="Tokens">Tokens scored: every token of the text.</param>
/// <param name="UnknownTokens">How many of them were unknown.</param>
/// <param name="UnknownBytes">UTF-8 bytes the unknown tokens stand for.</param>
public sealed record HeldOutBits(double ModelBits, double FallbackBits, long Bytes, long Tokens, long UnknownTokens, long UnknownBytes)
{
    /// <summary>Total bits over bytes: what the text costs, unknown words spelled out.</summary>
    public double BitsPerByte => (ModelBits + FallbackBits) / Bytes;

    /// <summary>What the figure would be if unknown tokens were free beyond the model's own probability of them.</summary>
    public double FreeUnknownBitsPerByte => ModelBits / Bytes;

    /// <summary>The part of <see cref="BitsPerByte"/> spent spelling unknown tokens.</summary>
    public double FallbackBitsPerByte => FallbackBits / Bytes;

    /// <summary>
    /// The held-out bits of <paramref name="model"/> on the test split of <paramref name="data"/>. The test text is the
    /// byte budget's test text, or for a token budget the decoded test tokens (refused when they hold unknown tokens,
    /// whose text is lost).
    /// </summary>
    public static HeldOutBits Of(LanguageModel model, PreparedData data, int batch)
    {
        var (text, fallback) = Text(data);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            double nats = Nats(inputs => model.call(inputs), model.Context, data.Splits.Validation, data.Splits.Test, batch);
            return Count(nats / Math.Log(2), data.Tokenizer, text, data.Splits.Test, fallback);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// The same figure for a unigram model of the training tokens (add-one smoothing over the vocabulary), which sees no
    /// context: a model that has learned anything from context scores below it.
    /// </summary>
    public static HeldOutBits Unigram(PreparedData data)
    {
        var (text, fallback) = Text(data);
        var counts = new long[data.Tokenizer.VocabularySize];
        foreach (int id in data.Splits.Train) counts[id]++;
        double total = data.Splits.Train.Length + (double)counts.Length;
        double bits = data.Splits.Test.Sum(id => -Math.Log2((counts[id] + 1) / total));
        return Count(bits, data.Tokenizer, text, data.Splits.Test, fallback);
    }

    /// <summary>Counts the text's bytes and spells its unknown tokens with <paramref name="fallback"/>.</summary>
    public static HeldOutBits Count(double modelBits, ITokenizer tokenizer, string text, int[] tokens, ByteFallback fallback)
    {
        var unknown = UnknownSpans.Of(tokenizer, text, tokens);
        return new HeldOutBits(modelBits, unknown.Sum(fallback.Bits), Encoding.UTF8.GetByteCount(text), tokens.Length,
            unknown.Count, unknown.Sum(span => (long)Encoding.UTF8.GetByteCount(span)));
    }

    static (string Text, ByteFallback Fallback) Text(PreparedData data)
    {
        if (data.Texts is { } texts) return (texts.Test, ByteFallback.Train(texts.Train));
        if (UnknownSpans.UnknownId(data.Tokenizer) is int unknown && data.Splits.Test.Contains(unknown))
            throw new InvalidOperationException(
                $"the test split holds {data.Tokenizer.Name} unknown tokens, whose text a token budget does not keep: declare data.bytes to score them");
        string decoded = data.Tokenizer.Decode(data.Splits.Test);
        return (decoded, ByteFallback.Train(data.Tokenizer.Decode(data.Splits.Train)));
    }

    /// <summary>
    /// The summed negative log-likelihood, in nats, of every token of <paramref name="scored"/>, each predicted from up to
    /// <paramref name="context"/> tokens before it; the first ones see the end of <paramref name="preceding"/> (the text
    /// just before), which must hold at least one token. Targets are scored in consecutive blocks of
    /// <paramref name="context"/>, each block's window ending where the block ends.
    /// </summary>
    /// <param name="logitsOf">Inputs (B, T) → logits (B, T, V).</param>
    public static double Nats(Func<Tensor, Tensor> logitsOf, int context, int[] preceding, int[] scored, int batch) =>
        TokenNats(logitsOf, context, preceding, scored, batch).Sum();

    /// <summary>The negative log-likelihood, in nats, of each token of <paramref name="scored"/>, as <see cref="Nats"/> sums it.</summary>
    public static double[] TokenNats(Func<Tensor, Tensor> logitsOf, int context, int[] preceding, int[] scored, int batch)
    {
        if (preceding.Length == 0) throw new ArgumentException("the first scored token needs at least one token before it", nameof(preceding));
        int carried = Math.Min(context, preceding.Length);
        int[] sequence = [.. preceding.AsSpan(preceding.Length - carried), .. scored];
        var windows = new List<(int Start, int Length, int FirstScored)>();
        for (int block = carried; block < sequence.Length; block += context)
        {
            int end = Math.Min(block + context, sequence.Length);
            int start = Math.Max(0, end - 1 - context);
            windows.Add((start, end - 1 - start, block - start - 1));
        }

        using var noGrad = no_grad();
        var nats = new double[scored.Length];
        long counted = 0;
        foreach (var group in windows.GroupBy(w => w.Length))
        {
            foreach (var chunk in group.Chunk(Math.Max(1, batch)))
            {
                using var scope = NewDisposeScope();
                int length = group.Key;
                var inputs = new long[chunk.Length * length];
                var targets = new long[chunk.Length * length];
                for (int b = 0; b < chunk.Length; b++)
                    for (int t = 0; t < length; t++)
                    {
                        inputs[b * length + t] = sequence[chunk[b].Start + t];
                        targets[b * length + t] = sequence[chunk[b].Start + t + 1];
                    }
                var logits = logitsOf(tensor(inputs, [chunk.Length, length]));
                var logProbabilities = nn.functional.log_softmax(logits.to_type(ScalarType.Float64), -1);
                var picked = logProbabilities.gather(-1, tensor(targets, [chunk.Length, length]).unsqueeze(-1)).squeeze(-1).data<double>().ToArray();
                for (int b = 0; b < chunk.Length; b++)
                    for (int t = chunk[b].FirstScored; t < length; t++)
                    {
                        nats[chunk[b].Start + t + 1 - carried] = -picked[b * length + t];
                        counted++;
                    }
            }
        }
        if (counted != scored.Length)
            throw new InvalidOperationException($"scored {counted} tokens of {scored.Length}");
        return nats;
    }
}
