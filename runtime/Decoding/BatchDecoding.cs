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

/// <summary>
/// Device buffers (B, steps) for the chosen tokens, their log-probabilities and the nucleus sizes. A step's logits are
/// only copied into a block of steps; the metrics are computed a block at a time (row by row, as one step would
/// compute them), so a step pays two copies instead of a dozen small operations.
/// </summary>
internal sealed class DecodeRecord : IDisposable
{
    /// <summary>The most logits a block holds (16 M floats, 64 MiB), bounding its memory for large vocabularies.</summary>
    const long BlockFloats = 1L << 24;
    const int MostStepsPerBlock = 16;

    readonly Tensor _tokens, _logProbabilities, _nucleusSizes;
    Tensor? _block; // (B, K, V) logits of the steps not yet measured
    int _measured;  // steps whose metrics are in the buffers
    int _pending;   // steps in the block after those

    public DecodeRecord(int sequences, int steps)
    {
        _tokens = zeros([sequences, steps], dtype: int64).DetachFromDisposeScope();
        _logProbabilities = zeros([sequences, steps], dtype: float32).DetachFromDisposeScope();
        _nucleusSizes = zeros([sequences, steps], dtype: int64).DetachFromDisposeScope();
    }

    /// <summary>Records the tokens (B) chosen at <paramref name="step"/> (steps come in order) from <paramref name="logits"/> (B, V).</summary>
    public void Add(int step, Tensor logits, Tensor tokens)
    {
        if (step != _measured + _pending) throw new ArgumentException($"expected step {_measured + _pending}, got {step}", nameof(step));
        if (_block is null)
        {
            var shape = logits.shape;
            long perStep = shape[0] * shape[1];
            long blockSteps = Math.Clamp(BlockFloats / perStep, 1, Math.Min(MostStepsPerBlock, _tokens.shape[1]));
            _block = empty([shape[0], blockSteps, shape[1]], dtype: logits.dtype, device: logits.device).DetachFromDisposeScope();
        }
        _tokens.select(1, step).copy_(tokens);
        _block.select(1, _pending).copy_(logits);
        _pending++;
        if (_pending == _block.shape[1]) Measure();
    }

    /// <summary>Log-probabilities of the chosen tokens and nucleus sizes of the steps in the block.</summary>
    void Measure()
    {
        if (_pending == 0) return;
        using var scope = NewDisposeScope();
        var logProbabilities = _block!.narrow(1, 0, _pending).log_softmax(-1); // (B, k, V)
        var chosen = _tokens.narrow(1, _measured, _pending).unsqueeze(2);     // (B, k, 1)
        _logProbabilities.narrow(1, _measured, _pending).copy_(logProbabilities.gather(2, chosen).squeeze(2));
        _nucleusSizes.narrow(1, _measured, _pending).copy_(TokenDistribution.NucleusSizes(logProbabilities.exp(), DecodingMetrics.NucleusP));
        _measured += _pending;
        _pending = 0;
    }

    public Decoded[] Read()
    {
        Measure();
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
        _block?.Dispose();
        _tokens.Dispose();
        _logProbabilities.Dispose();
        _nucleusSizes.Dispose();
    }
}
