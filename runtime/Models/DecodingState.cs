using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A model's memory of the sequences it is continuing, so that each decoding step feeds only the new tokens:
/// a transformer keeps its attention keys and values, a recurrent model its hidden state, any other model the
/// token window it recomputes (<see cref="RecomputingDecodingState"/>). Several sequences advance side by side.
/// </summary>
/// <remarks>
/// Tensors returned by <see cref="Append"/> and <see cref="LookAhead(IReadOnlyList{long[]})"/> belong to the caller's dispose scope;
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
    /// Starts one sequence per prompt, prompts of any lengths, and returns each one's next-token logits (B, V).
    /// Equal lengths are one <see cref="Append"/>; otherwise the state lines the sequences up its own way
    /// (<see cref="StartUneven"/>), and every sequence continues as it would alone.
    /// </summary>
    public Tensor Start(IReadOnlyList<long[]> prompts)
    {
        if (Sequences != 0) throw new InvalidOperationException("this state has already started");
        if (prompts.Count == 0 || prompts.Any(p => p.Length == 0)) throw new ArgumentException("every sequence needs a non-empty prompt", nameof(prompts));
        if (prompts.Any(p => p.Length != prompts[0].Length)) return StartUneven(prompts);
        using var scope = NewDisposeScope();
        var tokens = tensor(prompts.SelectMany(p => p).ToArray(), [prompts.Count, prompts[0].Length]);
        return Append(tokens).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="Start"/> for prompts of different lengths.</summary>
    protected abstract Tensor StartUneven(IReadOnlyList<long[]> prompts);

    /// <summary>
    /// A new state whose sequence i continues this state's sequence <paramref name="rows"/>[i]; rows may repeat
    /// or be left out (beam search reorders, a look-ahead expands). This state is left unchanged.
    /// </summary>
    public abstract DecodingState Select(long[] rows);

    /// <summary>
    /// For each sequence b: the next-token logits after appending each of its <paramref name="candidates"/>[b] on
    /// its own, (B, k, V) with k the most candidates of any sequence (a shorter list's extra rows are
    /// meaningless). This state is left unchanged. This implementation expands the state to the candidates in
    /// batches of <see cref="LookAheadBatch"/>; models may share each sequence's prefix instead.
    /// </summary>
    public virtual Tensor LookAhead(IReadOnlyList<long[]> candidates)
    {
        if (candidates.Count != Sequences) throw new ArgumentException($"expected candidates for {Sequences} sequences, got {candidates.Count}", nameof(candidates));
        using var scope = NewDisposeScope();
        int most = candidates.Max(c => c.Length);
        var pairs = candidates.SelectMany((list, row) => list.Select((token, i) => (Row: (long)row, Slot: (long)row * most + i, Token: token))).ToArray();
        var parts = new List<Tensor>();
        for (int start = 0; start < pairs.Length; start += LookAheadBatch)
        {
            var chunk = pairs[start..Math.Min(pairs.Length, start + LookAheadBatch)];
            using var expanded = Select([.. chunk.Select(p => p.Row)]);
            parts.Add(expanded.Append(tensor(chunk.Select(p => p.Token).ToArray(), [chunk.Length, 1])));
        }
        var logits = cat(parts, 0); // (Σk, V)
        var result = zeros([candidates.Count * most, logits.shape[1]], dtype: logits.dtype, device: logits.device);
        result.index_copy_(0, tensor(pairs.Select(p => p.Slot).ToArray(), device: logits.device), logits);
        return result.view(candidates.Count, most, -1).MoveToOuterDisposeScope();
    }

    /// <summary>The look-ahead of a single sequence: (k, V).</summary>
    public Tensor LookAhead(long[] candidates)
    {
        if (Sequences != 1) throw new InvalidOperationException($"a look-ahead of one candidate list needs one sequence, not {Sequences}");
        using var scope = NewDisposeScope();
        return LookAhead([candidates])[0].MoveToOuterDisposeScope();
    }

    /// <summary>Candidates expanded at once by the default <see cref="LookAhead(IReadOnlyList{long[]})"/>, bounding its memory.</summary>
    protected const int LookAheadBatch = 16;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
