using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// Decoding for any model: keeps the last <see cref="LanguageModel.Context"/> tokens of each sequence and
/// recomputes a full forward over them at every step. Exact, and the baseline a cache is measured against.
/// </summary>
public sealed class RecomputingDecodingState(LanguageModel model) : DecodingState
{
    Tensor? _window; // (B, ≤ context), owned

    public override long Sequences => _window?.shape[0] ?? 0;

    public override Tensor Append(Tensor tokens)
    {
        if (_window is not null && tokens.shape[0] != Sequences)
            throw new ArgumentException($"expected tokens for {Sequences} sequences, got {tokens.shape[0]}", nameof(tokens));
        using var scope = NewDisposeScope();
        var joined = _window is null ? tokens.clone() : cat([_window, tokens], 1); // (B, L + T)
        long length = joined.shape[1];
        var window = length > model.Context ? joined.narrow(1, length - model.Context, model.Context) : joined;
        var logits = model.call(window)[.., -1]; // (B, V)
        Replace(window.contiguous());
        return logits.MoveToOuterDisposeScope();
    }

    public override DecodingState Select(long[] rows)
    {
        if (_window is null) throw new InvalidOperationException("nothing to select before the first Append");
        using var scope = NewDisposeScope();
        var selected = new RecomputingDecodingState(model);
        selected.Replace(_window.index_select(0, tensor(rows)));
        return selected;
    }

    void Replace(Tensor window)
    {
        var previous = _window;
        _window = window.DetachFromDisposeScope();
        previous?.Dispose();
    }

    protected override void Dispose(bool disposing) => _window?.Dispose();
}
