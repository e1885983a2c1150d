using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>What a decoded text looks like: its diversity, its repetition, and how the model itself rates it.</summary>
/// <param name="Distinct1">Distinct unigrams / unigrams.</param>
/// <param name="Distinct2">Distinct bigrams / bigrams.</param>
/// <param name="RepetitionRate">Share of tokens already present among the <see cref="DecodingMetrics.RepetitionWindow"/> tokens before them.</param>
/// <param name="MeanNucleusSize">The model's mean top-p nucleus size over the generated positions (seed 001's possibilities).</param>
/// <param name="Perplexity">exp of the model's mean negative log-likelihood of the generated tokens, given the prompt.</param>
/// <param name="TokensPerSecond">Generated tokens / decoding wall time.</param>
public sealed record DecodingReport(
    double Distinct1, double Distinct2, double RepetitionRate, double MeanNucleusSize, double Perplexity, double TokensPerSecond);

public static class DecodingMetrics
{
    /// <summary>How far back <see cref="RepetitionRate"/> looks by default.</summary>
    public const int RepetitionWindow = 16;

    /// <summary>The top-p of the nucleus sizes reported (seed 001's possibilities).</summary>
    public const double NucleusP = 0.9;

    /// <summary>
    /// The report of one decoded text, the model's view read from the decode's own logits;
    /// <paramref name="tokensPerSecond"/> is the decode's throughput (all sequences of its batch together).
    /// </summary>
    public static DecodingReport Measure(Decoded decoded, double tokensPerSecond) =>
        new(DistinctN(decoded.Tokens, 1), DistinctN(decoded.Tokens, 2), RepetitionRate(decoded.Tokens),
            decoded.MeanNucleusSize, decoded.Perplexity, tokensPerSecond);

    /// <summary>Distinct n-grams / n-grams of tokens or words; 0 for a text shorter than n.</summary>
    public static double DistinctN<T>(IReadOnlyList<T> tokens, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        int count = tokens.Count - n + 1;
        if (count <= 0) return 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++) distinct.Add(Ngram(tokens, i, n));
        return distinct.Count / (double)count;
    }

    /// <summary>
    /// How many of a text's n-grams already occurred earlier in it, and how many n-grams it has: their ratio is the
    /// repeated-n-gram rate (0 for text that never repeats an n-gram, near 1 for a loop).
    /// </summary>
    public static (int Repeated, int Total) RepeatedNgrams<T>(IReadOnlyList<T> tokens, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        int count = Math.Max(0, tokens.Count - n + 1), repeated = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            if (!seen.Add(Ngram(tokens, i, n))) repeated++;
        return (repeated, count);
    }

    static string Ngram<T>(IReadOnlyList<T> tokens, int start, int n) =>
        string.Join('\u001f', Enumerable.Range(start, n).Select(j => tokens[j]));

    /// <summary>
    /// Share of tokens that also occur among the <paramref name="window"/> tokens just before them (rep-w);
    /// the first token has no history and counts as new. 0 for an empty text.
    /// </summary>
    public static double RepetitionRate(IReadOnlyList<int> tokens, int window = RepetitionWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        if (tokens.Count == 0) return 0;
        int repeats = 0;
        for (int i = 1; i < tokens.Count; i++)
        {
            for (int j = Math.Max(0, i - window); j < i; j++)
            {
                if (tokens[j] != tokens[i]) continue;
                repeats++;
                break;
            }
        }
        return repeats / (double)tokens.Count;
    }

    public static double TokensPerSecond(int tokens, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? tokens / elapsed.TotalSeconds : double.NaN;

    /// <summary>
    /// The model's perplexity of any <paramref name="generated"/> text after <paramref name="prompt"/> (a corpus
    /// passage, another model's output), and its mean top-p nucleus size at those positions: the model is fed the
    /// text token by token (its decoding state). A decode's own text needs no second pass: see <see cref="Decoded"/>.
    /// </summary>
    public static (double Perplexity, double MeanNucleusSize) ModelView(
        LanguageModel model, IReadOnlyList<int> prompt, IReadOnlyList<int> generated, double p = NucleusP)
    {
        if (generated.Count == 0) return (double.NaN, double.NaN);
        using var inference = new InferenceMode(model, [prompt]);
        using var state = model.StartDecoding();
        double negativeLogLikelihood = 0, nucleusSizes = 0;
        long[] input = InferenceMode.PromptTokens(prompt);
        foreach (int token in generated)
        {
            using var scope = NewDisposeScope();
            var logProbabilities = state.Append(tensor(input, [1, input.Length]))[0].log_softmax(-1); // (V)
            negativeLogLikelihood -= logProbabilities[token].item<float>();
            nucleusSizes += TokenDistribution.NucleusSizes(logProbabilities.exp(), p).item<long>();
            input = [token];
        }
        return (Math.Exp(negativeLogLikelihood / generated.Count), nucleusSizes / generated.Count);
    }
}
