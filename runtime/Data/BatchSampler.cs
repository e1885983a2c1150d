using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Data;

/// <summary>
/// Draws random (input, target) windows from a token segment with its own seeded generator, so the
/// sequence of batches depends only on the seed and the number of batches drawn so far.
/// </summary>
public sealed class BatchSampler
{
    readonly int[] _tokens;
    readonly int _context;
    readonly int _batch;
    readonly Random _random;

    public BatchSampler(int[] tokens, int context, int batch, int seed)
    {
        if (tokens.Length < context + 1)
            throw new InvalidOperationException(
                $"the training split has {tokens.Length:N0} tokens, fewer than one context window of {context + 1}");
        (_tokens, _context, _batch, _random) = (tokens, context, batch, new Random(seed));
    }

    /// <summary>Batches drawn so far (the data position a checkpoint records).</summary>
    public long Drawn { get; private set; }

    /// <summary>Returns inputs and targets of shape (batch, context), targets shifted by one token.</summary>
    public (Tensor Inputs, Tensor Targets) Next()
    {
        var inputs = new long[_batch * _context];
        var targets = new long[_batch * _context];
        for (int b = 0; b < _batch; b++)
        {
            int start = NextStart();
            for (int t = 0; t < _context; t++)
            {
                inputs[b * _context + t] = _tokens[start + t];
                targets[b * _context + t] = _tokens[start + t + 1];
            }
        }
        Drawn++;
        return (tensor(inputs, [_batch, _context]), tensor(targets, [_batch, _context]));
    }

    /// <summary>Skips <paramref name="batches"/> batches exactly as drawing them would (resuming a run).</summary>
    public void FastForward(long batches)
    {
        for (long i = 0; i < batches; i++)
        {
            for (int b = 0; b < _batch; b++) NextStart();
            Drawn++;
        }
    }

    int NextStart() => _random.Next(0, _tokens.Length - _context);

    /// <summary>Evenly spaced, non-random windows over a segment: the same evaluation batches every time.</summary>
    public static IEnumerable<(Tensor Inputs, Tensor Targets)> Sequential(int[] tokens, int context, int batch, int maxBatches)
    {
        int windows = (tokens.Length - 1) / context;
        if (windows == 0)
            throw new InvalidOperationException(
                $"a held-out split has {tokens.Length:N0} tokens, fewer than one context window of {context + 1}");
        int batches = Math.Min(maxBatches, (windows + batch - 1) / batch);
        int window = 0;
        for (int i = 0; i < batches; i++)
        {
            int rows = Math.Min(batch, windows - window);
            var inputs = new long[rows * context];
            var targets = new long[rows * context];
            for (int r = 0; r < rows; r++, window++)
            {
                int start = window * context;
                for (int t = 0; t < context; t++)
                {
                    inputs[r * context + t] = tokens[start + t];
                    targets[r * context + t] = tokens[start + t + 1];
                }
            }
            yield return (tensor(inputs, [rows, context]), tensor(targets, [rows, context]));
        }
    }
}
