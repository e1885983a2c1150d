using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Picks the next token of every sequence, (B) int64, from their logits (B, V) at generation step
/// <paramref name="step"/>; the state holds the sequences so far (for a look-ahead).
/// </summary>
internal delegate Tensor NextTokens(DecodingState state, Tensor logits, int step);

/// <summary>
/// The token-by-token loop shared by decoders that continue each sequence on its own: all sequences advance
/// together in one decoding state. Tokens stay on the device from one step to the next, and the model's view of
/// them (<see cref="Decoded"/>) is taken from the step's logits into buffers read back once at the end.
/// </summary>
internal static class BatchDecoding
{
    public static Decoded[] Run(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, int maxTokens, NextTokens choose)
    {
        using var inference = new InferenceMode(model, prompts);
        if (prompts.Count == 0) return [];
        using var state = model.StartDecoding();
        using var record = new DecodeRecord(prompts.Count, maxTokens);
        Tensor? input = null; // (B, 1), owned
        try
        {
            for (int step = 0; step < maxTokens; step++)
            {
                using var scope = NewDisposeScope();
                var logits = input is null ? state.Start(InferenceMode.PromptTokens(prompts)) : state.Append(input); // (B, V)
                var next = choose(state, logits, step); // (B)
                record.Add(step, logits, next);
                input?.Dispose();
                input = next.unsqueeze(1).DetachFromDisposeScope();
            }
        }
        finally
        {
            input?.Dispose();
        }
        return record.Read();
    }
}

/// <summary>Device buffers (B, steps) for the chosen tokens, their log-probabilities and the nucleus sizes.</summary>
internal sealed class DecodeRecord : IDisposable
{
    readonly Tensor _tokens, _logProbabilities, _nucleusSizes;

    public DecodeRecord(int sequences, int steps)
    {
        _tokens = zeros([sequences, steps], dtype: int64).DetachFromDisposeScope();
        _logProbabilities = zeros([sequences, steps], dtype: float32).DetachFromDisposeScope();
        _nucleusSizes = zeros([sequences, steps], dtype: int64).DetachFromDisposeScope();
    }

    /// <summary>Records the tokens (B) chosen at <paramref name="step"/> from <paramref name="logits"/> (B, V).</summary>
    public void Add(int step, Tensor logits, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = logits.log_softmax(-1);
        _tokens.select(1, step).copy_(tokens);
        _logProbabilities.select(1, step).copy_(logProbabilities.gather(1, tokens.unsqueeze(1)).squeeze(1));
        _nucleusSizes.select(1, step).copy_(TokenDistribution.NucleusSizes(logProbabilities.exp(), DecodingMetrics.NucleusP));
    }

    public Decoded[] Read()
    {
        long rows = _tokens.shape[0], steps = _tokens.shape[1];
        using var scope = NewDisposeScope();
        long[] tokens = _tokens.cpu().data<long>().ToArray();
        float[] logProbabilities = _logProbabilities.cpu().data<float>().ToArray();
        long[] nucleusSizes = _nucleusSizes.cpu().data<long>().ToArray();
        return [.. Enumerable.Range(0, (int)rows).Select(row =>
        {
            var range = new Range((int)(row * steps), (int)((row + 1) * steps));
            return new Decoded([.. tokens[range].Select(t => (int)t)], logProbabilities[range], nucleusSizes[range]);
        })];
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _logProbabilities.Dispose();
        _nucleusSizes.Dispose();
    }
}
