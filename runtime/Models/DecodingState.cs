using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A model's memory of the sequences it is continuing, so that each decoding step feeds only the new tokens:
/// a transformer keeps its attention keys and values, a recurrent model its hidden state, any other model the
/// token window it recomputes (<see cref="RecomputingDecodingState"/>). Several sequences advance side by side.
/// </summary>
/// <remarks>
/// Tensors returned by <see cref="Append"/> and <see cref="LookAhead"/> belong to the caller's dispose scope;
/// the state owns its own tensors until it is disposed.
/// </remarks>
public abstract class DecodingState : IDisposable
{
    /// <summary>Sequences decoded side by side; 0 until the first <see cref="Append"/>.</summary>
    public abstract long Sequences { get; }

    /// <summary>
    /// Appends tokens (B, T) to the sequences (B = <see cref="Sequences"/>, any B on the first call) and returns
    /// the logits of each sequence's next token, (B, V).
    /// </summary>
    public abstract Tensor Append(Tensor tokens);

    /// <summary>
    /// A new state whose sequence i continues this state's sequence <paramref name="rows"/>[i]; rows may repeat
    /// or be left out (beam search reorders, a look-ahead expands). This state is left unchanged.
    /// </summary>
    public abstract DecodingState Select(long[] rows);

    /// <summary>
    /// For a single sequence: the next-token logits (k, V) after appending each of the k
    /// <paramref name="candidates"/> on its own. This state is left unchanged. This implementation expands the
    /// state to the candidates in batches of <see cref="LookAheadBatch"/>; models may share the prefix instead.
    /// </summary>
    public virtual Tensor LookAhead(long[] candidates)
    {
        if (Sequences != 1) throw new InvalidOperationException($"a look-ahead needs one sequence, not {Sequences}");
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (int start = 0; start < candidates.Length; start += LookAheadBatch)
        {
            long[] chunk = candidates[start..Math.Min(candidates.Length, start + LookAheadBatch)];
            using var expanded = Select(new long[chunk.Length]);
            parts.Add(expanded.Append(tensor(chunk, [chunk.Length, 1])));
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Candidates expanded at once by the default <see cref="LookAhead"/>, bounding its memory.</summary>
    protected const int LookAheadBatch = 16;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
