using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A recurrent model's decoding state: its hidden tensors, sequences along dimension 1 ((layers, B, H), as
/// nn.LSTM keeps h and c). Each step feeds only the new tokens; there is no window to slide, the hidden state
/// carries the whole history. A model supports it by overriding <see cref="LanguageModel.StartDecoding"/> with
/// <c>new RecurrentDecodingState(Step)</c>.
/// </summary>
public sealed class RecurrentDecodingState(RecurrentDecodingState.Step step) : DecodingState
{
    /// <summary>
    /// Runs the model over tokens (B, T) from the hidden tensors left by the previous step (null at the start):
    /// the logits of the last position (B, V) and the hidden tensors after it.
    /// </summary>
    public delegate (Tensor Logits, Tensor[] Hidden) Step(Tensor tokens, Tensor[]? hidden);

    Tensor[]? _hidden; // owned

    public override long Sequences => _hidden?[0].shape[1] ?? 0;

    public override Tensor Append(Tensor tokens)
    {
        if (_hidden is not null && tokens.shape[0] != Sequences)
            throw new ArgumentException($"expected tokens for {Sequences} sequences, got {tokens.shape[0]}", nameof(tokens));
        using var scope = NewDisposeScope();
        var (logits, hidden) = step(tokens, _hidden);
        Replace(hidden);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Each prompt runs on its own from an empty state; the hidden states are then stacked.</summary>
    protected override Tensor StartUneven(IReadOnlyList<long[]> prompts)
    {
        using var scope = NewDisposeScope();
        var steps = prompts.Select(p => step(tensor(p, [1, p.Length]), null)).ToArray();
        Replace([.. Enumerable.Range(0, steps[0].Hidden.Length).Select(i => cat(steps.Select(s => s.Hidden[i]).ToArray(), 1))]);
        return cat(steps.Select(s => s.Logits).ToArray(), 0).MoveToOuterDisposeScope();
    }

    public override DecodingState Select(long[] rows)
    {
        if (_hidden is null) throw new InvalidOperationException("nothing to select before the first Append");
        using var scope = NewDisposeScope();
        var index = tensor(rows, device: _hidden[0].device);
        var selected = new RecurrentDecodingState(step);
        selected.Replace([.. _hidden.Select(h => h.index_select(1, index))]);
        return selected;
    }

    void Replace(Tensor[] hidden)
    {
        var previous = _hidden;
        _hidden = [.. hidden.Select(h => h.DetachFromDisposeScope())];
        if (previous is null) return;
        foreach (var tensor in previous) tensor.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var tensor in _hidden ?? []) tensor.Dispose();
    }
}
