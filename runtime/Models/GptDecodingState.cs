using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// <see cref="GptModel"/>'s decoding state: each block's keys and values for the last ≤ context tokens of
/// every sequence. A sequence that outgrows the context falls back to a sliding window: each such step runs a
/// full forward over the last context tokens (learned positions cannot shift), and the cache stays empty.
/// </summary>
public sealed class GptDecodingState : DecodingState
{
    readonly GptModel _model;
    readonly KeyValueCache[] _caches;
    Tensor? _tokens; // (B, L): the tokens whose keys and values are cached, owned

    internal GptDecodingState(GptModel model)
    {
        _model = model;
        _caches = [.. Enumerable.Range(0, model.Layers).Select(_ => new KeyValueCache())];
    }

    public override long Sequences => _tokens?.shape[0] ?? 0;

    /// <summary>Positions cached per sequence, L ≤ context.</summary>
    public long Length => _tokens?.shape[1] ?? 0;

    public override Tensor Append(Tensor tokens)
    {
        if (_tokens is not null && tokens.shape[0] != Sequences)
            throw new ArgumentException($"expected tokens for {Sequences} sequences, got {tokens.shape[0]}", nameof(tokens));
        using var scope = NewDisposeScope();
        long cached = Length, added = tokens.shape[1], context = _model.Context;
        var joined = _tokens is null ? tokens.clone() : cat([_tokens, tokens], 1); // (B, L + T)
        Tensor logits;
        if (cached + added <= context)
        {
            var positions = arange(cached, cached + added, dtype: int64, device: tokens.device);
            logits = _model.ForwardCached(tokens, positions, _caches, CausalMask(cached, added, tokens.device), extendCache: true, lastPositionOnly: true);
            ReplaceTokens(joined);
        }
        else
        {
            // Past the context every step re-reads a shifted window, so no cache can be reused: run the plain
            // fused forward over the window and keep the cache empty (a later Append overflows again).
            foreach (var cache in _caches) cache.Clear();
            var window = joined.narrow(1, joined.shape[1] - context, context).contiguous();
            logits = _model.call(window)[.., ^1..]; // (B, 1, V)
            ReplaceTokens(window);
        }
        return logits.squeeze(1).MoveToOuterDisposeScope(); // (B, V)
    }

    /// <summary>
    /// All candidates go in as one sequence of k tokens at the same position, each attending to the cached
    /// prefix and to itself only: the cache is shared, never copied k times.
    /// </summary>
    public override Tensor LookAhead(long[] candidates)
    {
        if (Sequences != 1) throw new InvalidOperationException($"a look-ahead needs one sequence, not {Sequences}");
        long cached = Length, count = candidates.Length;
        if (cached + 1 > _model.Context) return base.LookAhead(candidates);
        using var scope = NewDisposeScope();
        var device = _tokens!.device;
        var tokens = tensor(candidates, [1, count], device: device);
        var positions = full(count, cached, dtype: int64, device: device);
        var mask = cat([ones(count, cached, dtype: @bool, device: device), eye(count, dtype: @bool, device: device)], 1); // (k, L + k)
        var logits = _model.ForwardCached(tokens, positions, _caches, mask, extendCache: false, lastPositionOnly: false);
        return logits.squeeze(0).MoveToOuterDisposeScope(); // (k, V)
    }

    public override DecodingState Select(long[] rows)
    {
        if (_tokens is null) throw new InvalidOperationException("nothing to select before the first Append");
        using var scope = NewDisposeScope();
        var index = tensor(rows, device: _tokens.device);
        var selected = new GptDecodingState(_model);
        for (int i = 0; i < _caches.Length; i++)
        {
            selected._caches[i].Dispose();
            selected._caches[i] = _caches[i].Select(index);
        }
        selected.ReplaceTokens(_tokens.index_select(0, index));
        return selected;
    }

    /// <summary>(T, L + T), true where new position i may attend; null where plain causal order does.</summary>
    static Tensor? CausalMask(long cached, long added, Device device) =>
        cached == 0 || added == 1 ? null : ones(added, cached + added, dtype: @bool, device: device).tril(cached);

    void ReplaceTokens(Tensor tokens)
    {
        var previous = _tokens;
        _tokens = tokens.DetachFromDisposeScope();
        previous?.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var cache in _caches) cache.Dispose();
        _tokens?.Dispose();
    }
}
