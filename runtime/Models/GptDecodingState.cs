using DslRunner.Config;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// <see cref="GptModel"/>'s decoding state: each block's keys and values (<see cref="KeyValueCache"/>) for the
/// last ≤ context positions of every sequence. Sequences are rows of slots; prompts of different lengths are
/// left-padded, a row's padding slots are never attended, and its learned positions count from its first token.
/// Past the context, rotary positions roll the cache (sliding-window attention, no recompute); learned positions
/// cannot shift, so each such step runs a full forward over the last context tokens and the cache stays unused.
/// </summary>
public sealed class GptDecodingState : DecodingState
{
    readonly GptModel _model;
    readonly KeyValueCache[] _caches;
    long[] _padding = []; // per row: its first slots are padding
    long _slots;          // slots appended per row, padding included
    bool _recomputing;    // learned positions past the context
    Tensor? _window;      // learned positions: the last ≤ context tokens (B, L), owned, for the recompute
    Device? _device;      // where the sequences live, from the first tokens

    internal GptDecodingState(GptModel model)
    {
        _model = model;
        _caches = [.. Enumerable.Range(0, model.Layers).Select(_ => new KeyValueCache())];
    }

    public override long Sequences => _padding.Length;

    /// <summary>Positions each sequence's next token sees (its own excluded), at most the context.</summary>
    public long Length => Math.Min(_slots, _model.Context);

    bool Rotary => _model.Positions == PositionEncoding.Rope;

    long Width => _model.Context;

    public override Tensor Append(Tensor tokens)
    {
        if (_padding.Length > 0 && tokens.shape[0] != Sequences)
            throw new ArgumentException($"expected tokens for {Sequences} sequences, got {tokens.shape[0]}", nameof(tokens));
        if (_padding.Length == 0) _padding = new long[tokens.shape[0]];
        return Extend(tokens);
    }

    /// <summary>Prompts of different lengths, left-padded: row b's padding never attended, its positions its own.</summary>
    protected override Tensor StartUneven(IReadOnlyList<long[]> prompts)
    {
        int longest = prompts.Max(p => p.Length);
        var padded = new long[prompts.Count * longest];
        _padding = new long[prompts.Count];
        for (int row = 0; row < prompts.Count; row++)
        {
            _padding[row] = longest - prompts[row].Length;
            prompts[row].CopyTo(padded, row * longest + _padding[row]);
        }
        using var scope = NewDisposeScope();
        return Extend(tensor(padded, [prompts.Count, longest])).MoveToOuterDisposeScope();
    }

    Tensor Extend(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        _device ??= tokens.device;
        long first = _slots, added = tokens.shape[1];
        Tensor logits;
        if (!Rotary)
        {
            var joined = _window is null ? tokens.clone() : cat([_window, tokens], 1); // (B, L + T)
            long keep = Math.Min(joined.shape[1], Width);
            ReplaceWindow(keep == joined.shape[1] ? joined : joined.narrow(1, joined.shape[1] - keep, keep).contiguous());
            _recomputing |= first + added > Width;
        }
        if (_recomputing)
        {
            // Past the context every step re-reads a shifted window, so no cache can be reused: a plain forward
            // over the window, each row's positions counted from its first token in it.
            long start = first + added - _window!.shape[1], length = _window.shape[1];
            var mask = _padding.All(pad => pad <= start) ? null : Mask([], start, length, newKeys: true, lookAhead: false, start);
            logits = _model.Forward(_window, LearnedPositions(start, length, start), 0, false, null, null, mask, causal: true,
                lastPositionOnly: false)[.., ^1..]; // as the plain forward over the window computes it

        }
        else
        {
            var step = Plan(first, added, lookAhead: false);
            logits = _model.Forward(tokens, Rotary ? null : LearnedPositions(first, added, 0), first, false, _caches, step,
                step.Mask, step.Causal, lastPositionOnly: true);
        }
        _slots = first + added;
        return logits.squeeze(1).MoveToOuterDisposeScope(); // (B, V)
    }

    /// <summary>
    /// Each row's candidates go in as one row of k tokens at its next position, each attending to the row's
    /// cached window and to itself only: the cache is shared, never copied k times. Rows with fewer candidates
    /// are padded; their extra logits are meaningless.
    /// </summary>
    public override Tensor LookAhead(IReadOnlyList<long[]> candidates)
    {
        if (candidates.Count != Sequences) throw new ArgumentException($"expected candidates for {Sequences} sequences, got {candidates.Count}", nameof(candidates));
        if (_recomputing || (!Rotary && _slots + 1 > Width)) return base.LookAhead(candidates);
        using var scope = NewDisposeScope();
        int most = candidates.Max(c => c.Length);
        var flat = new long[candidates.Count * most];
        for (int row = 0; row < candidates.Count; row++) candidates[row].CopyTo(flat, row * most);
        var tokens = tensor(flat, [candidates.Count, most], device: _device);
        var step = Plan(_slots, most, lookAhead: true);
        Tensor? positions = null;
        if (!Rotary)
        {
            var rows = _padding.Select(pad => _slots - pad).ToArray();
            positions = tensor(rows, [rows.Length, 1], device: tokens.device).expand(-1, most);
        }
        return _model.Forward(tokens, positions, _slots, true, _caches, step, step.Mask, causal: false, lastPositionOnly: false)
            .MoveToOuterDisposeScope(); // (B, k, V)
    }

    public override DecodingState Select(long[] rows)
    {
        if (_padding.Length == 0) throw new InvalidOperationException("nothing to select before the first Append");
        using var scope = NewDisposeScope();
        var index = tensor(rows, device: _device);
        var selected = new GptDecodingState(_model)
        {
            _padding = [.. rows.Select(r => _padding[r])],
            _slots = _slots,
            _recomputing = _recomputing,
        };
        for (int i = 0; i < _caches.Length; i++)
        {
            selected._caches[i].Dispose();
            selected._caches[i] = _caches[i].Select(index);
        }
        if (_window is not null) selected.ReplaceWindow(_window.index_select(0, index));
        return selected;
    }

    /// <summary>
    /// How T new positions from slot <paramref name="first"/> meet the caches: one position is written first and
    /// attends to the whole (rolled) window, several attend to the held entries and to each other, then the last
    /// ≤ W are written. A look-ahead's k candidates all stand at slot <paramref name="first"/> and write nothing.
    /// </summary>
    CacheStep Plan(long first, long added, bool lookAhead)
    {
        long width = Width, held = Math.Min(first, width);
        if (added == 1 && !lookAhead)
        {
            long attended = Math.Min(first + 1, width);
            long oldest = first + 1 - attended;
            bool paddingInView = _padding.Any(pad => pad > oldest);
            var visible = paddingInView ? Mask(RingSlots(first + 1, attended), first, 1, newKeys: false, lookAhead: false, 0) : null;
            return new CacheStep(true, held, attended, [(0, first % width, 1)], visible, false);
        }
        var slots = RingSlots(first, held);
        var writes = new List<(long, long, long)>();
        if (!lookAhead)
        {
            for (long t = Math.Max(0, added - width); t < added;)
            {
                long index = (first + t) % width, count = Math.Min(added - t, width - index);
                writes.Add((t, index, count));
                t += count;
            }
        }
        bool plainCausal = held == 0 && !lookAhead && added <= width && _padding.All(pad => pad == 0);
        var mask = plainCausal ? null : Mask(slots, first, added, newKeys: true, lookAhead, 0);
        return new CacheStep(false, held, held + added, [.. writes], mask, plainCausal);
    }

    /// <summary>The slot held at each of the first <paramref name="count"/> cache indexes once <paramref name="slots"/> slots were written.</summary>
    long[] RingSlots(long slots, long count)
    {
        var result = new long[count];
        for (long index = 0; index < count; index++)
            result[index] = slots <= Width ? index : slots - 1 - (slots - 1 - index) % Width;
        return result;
    }

    /// <summary>
    /// (B, 1, T, L), true where new position i (slot first + i, or first for every look-ahead candidate) may attend
    /// to key j: the <paramref name="keySlots"/> followed, with <paramref name="newKeys"/>, by the new positions
    /// themselves. A key is visible when it is not padding (nor before <paramref name="windowStart"/>), not after
    /// the query and less than the context before it; every query sees itself, look-ahead candidates only
    /// themselves among the new keys.
    /// </summary>
    Tensor Mask(long[] keySlots, long first, long added, bool newKeys, bool lookAhead, long windowStart)
    {
        long rows = _padding.Length, keys = keySlots.Length + (newKeys ? added : 0), width = Width;
        var visible = new bool[rows * added * keys];
        for (long row = 0; row < rows; row++)
        {
            long pad = Math.Max(_padding[row], windowStart);
            for (long i = 0; i < added; i++)
            {
                long query = lookAhead ? first : first + i;
                long offset = (row * added + i) * keys;
                for (long j = 0; j < keySlots.Length; j++)
                {
                    long key = keySlots[j];
                    visible[offset + j] = key == query || (key >= pad && key <= query && key > query - width);
                }
                if (!newKeys) continue;
                for (long j = 0; j < added; j++)
                {
                    long key = first + j;
                    visible[offset + keySlots.Length + j] = j == i || (!lookAhead && j < i && key >= pad && key > query - width);
                }
            }
        }
        return tensor(visible, [rows, 1, added, keys], device: _device);
    }

    /// <summary>Learned positions of slots first … first + T − 1: each row counts from its first token after windowStart.</summary>
    Tensor? LearnedPositions(long first, long added, long windowStart)
    {
        if (Rotary) return null;
        var device = _device!;
        if (_padding.All(pad => pad <= windowStart)) return _model.PositionIds(first - windowStart, added, device);
        var positions = new long[_padding.Length * added];
        for (int row = 0; row < _padding.Length; row++)
        {
            long origin = Math.Max(_padding[row], windowStart);
            for (long i = 0; i < added; i++) positions[row * added + i] = Math.Max(0, first + i - origin);
        }
        return tensor(positions, [_padding.Length, added], device: device);
    }

    void ReplaceWindow(Tensor window)
    {
        var previous = _window;
        _window = window.DetachFromDisposeScope();
        if (!ReferenceEquals(previous, window)) previous?.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var cache in _caches) cache.Dispose();
        _window?.Dispose();
    }
}
