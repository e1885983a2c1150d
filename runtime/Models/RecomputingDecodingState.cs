using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// Decoding for any model: keeps the last <see cref="LanguageModel.Context"/> tokens of each sequence and
/// recomputes a full forward over them at every step. Exact, and the baseline a cache is measured against.
/// Sequences of different lengths are kept left-padded and run in groups of equal length.
/// </summary>
public sealed class RecomputingDecodingState(LanguageModel model) : DecodingState
{
    Tensor? _window;          // (B, ≤ context), owned; row b's tokens are its last _lengths[b]
    long[] _lengths = [];

    public override long Sequences => _lengths.Length;

    public override Tensor Append(Tensor tokens)
    {
        if (_window is not null && tokens.shape[0] != Sequences)
            throw new ArgumentException($"expected tokens for {Sequences} sequences, got {tokens.shape[0]}", nameof(tokens));
        if (_window is null) _lengths = new long[tokens.shape[0]];
        return Extend(tokens);
    }

    protected override Tensor StartUneven(IReadOnlyList<long[]> prompts)
    {
        int longest = prompts.Max(p => p.Length);
        var padded = new long[prompts.Count * longest];
        for (int row = 0; row < prompts.Count; row++) prompts[row].CopyTo(padded, (row + 1) * longest - prompts[row].Length);
        _lengths = [.. prompts.Select(p => (long)(p.Length - longest))]; // the padding, which Extend's count skips
        using var scope = NewDisposeScope();
        return Extend(tensor(padded, [prompts.Count, longest])).MoveToOuterDisposeScope();
    }

    Tensor Extend(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var joined = _window is null ? tokens.clone() : cat([_window, tokens], 1); // (B, L + T)
        long length = joined.shape[1], keep = Math.Min(length, model.Context);
        var window = keep < length ? joined.narrow(1, length - keep, keep) : joined;
        for (int row = 0; row < _lengths.Length; row++) _lengths[row] = Math.Min(_lengths[row] + tokens.shape[1], keep);
        Tensor logits;
        if (_lengths.All(l => l == keep)) logits = model.call(window)[.., -1]; // (B, V)
        else
        {
            logits = empty(0);
            foreach (var group in Enumerable.Range(0, _lengths.Length).GroupBy(row => _lengths[row]))
            {
                var rows = tensor(group.Select(r => (long)r).ToArray(), device: window.device);
                var part = model.call(window.index_select(0, rows).narrow(1, keep - group.Key, group.Key))[.., -1];
                if (logits.numel() == 0) logits = zeros([_lengths.Length, part.shape[1]], dtype: part.dtype, device: part.device);
                logits.index_copy_(0, rows, part);
            }
        }
        Replace(window.contiguous());
        return logits.MoveToOuterDisposeScope();
    }

    public override DecodingState Select(long[] rows)
    {
        if (_window is null) throw new InvalidOperationException("nothing to select before the first Append");
        using var scope = NewDisposeScope();
        var selected = new RecomputingDecodingState(model) { _lengths = [.. rows.Select(r => _lengths[r])] };
        selected.Replace(_window.index_select(0, tensor(rows)));
        return selected;
    }

    void Replace(Tensor window)
    {
        var previous = _window;
        _window = window.DetachFromDisposeScope();
        if (!ReferenceEquals(previous, window)) previous?.Dispose();
    }

    protected override void Dispose(bool disposing) => _window?.Dispose();
}
