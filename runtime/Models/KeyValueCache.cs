using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// One attention layer's keys and values, (B, nh, W, hs) each, allocated once at the window's width W and
/// written in place: position s lives at index s mod W, so past the window a new position overwrites the one
/// that just left it (rotary positions: keys carry their own rotation, so the order of the entries does not
/// matter to attention). A step writes its new keys and values by <see cref="CacheStep"/>; nothing is copied
/// per token.
/// </summary>
internal sealed class KeyValueCache : IDisposable
{
    Tensor? _keys;
    Tensor? _values;

    /// <summary>
    /// The keys and values the new positions attend to, (B, nh, L, hs), given their own k and v (B, nh, T, hs);
    /// the new ones are stored as <paramref name="step"/> says.
    /// </summary>
    internal (Tensor Keys, Tensor Values) Attend(Tensor keys, Tensor values, CacheStep step, long width)
    {
        if (step.WriteFirst)
        {
            Write(keys, values, step, width);
            // The whole window is the cache itself: the caller's dispose scope never held these, so it leaves them be.
            return step.Attended == width ? (_keys!, _values!) : (_keys!.narrow(2, 0, step.Attended), _values!.narrow(2, 0, step.Attended));
        }
        var joined = step.Held == 0 || _keys is null || _values is null
            ? (keys.contiguous(), values.contiguous())
            : (cat([_keys.narrow(2, 0, step.Held), keys], 2), cat([_values.narrow(2, 0, step.Held), values], 2));
        Write(keys, values, step, width);
        return joined;
    }

    void Write(Tensor keys, Tensor values, CacheStep step, long width)
    {
        if (step.Writes.Length == 0) return;
        var shape = keys.shape;
        var (storedKeys, storedValues) = Storage(shape[0], shape[1], width, shape[3], keys.dtype, keys.device);
        foreach (var (source, index, count) in step.Writes)
        {
            bool whole = source == 0 && count == shape[2];
            storedKeys.narrow(2, index, count).copy_(whole ? keys : keys.narrow(2, source, count));
            storedValues.narrow(2, index, count).copy_(whole ? values : values.narrow(2, source, count));
        }
    }

    /// <summary>The cache's keys and values, (B, nh, W, hs) each, made (zeros) on first use.</summary>
    internal (Tensor Keys, Tensor Values) Storage(long batch, long heads, long width, long headSize, ScalarType dtype, Device device)
    {
        if (_keys is null || _values is null)
        {
            long[] shape = [batch, heads, width, headSize];
            _keys = zeros(shape, dtype: dtype, device: device).DetachFromDisposeScope();
            _values = zeros(shape, dtype: dtype, device: device).DetachFromDisposeScope();
        }
        return (_keys, _values);
    }

    /// <summary>A new cache holding the sequences <paramref name="rows"/> of this one, in that order.</summary>
    internal KeyValueCache Select(Tensor rows)
    {
        var selected = new KeyValueCache();
        if (_keys is not null && _values is not null)
        {
            selected._keys = _keys.index_select(0, rows).DetachFromDisposeScope();
            selected._values = _values.index_select(0, rows).DetachFromDisposeScope();
        }
        return selected;
    }

    public void Dispose()
    {
        _keys?.Dispose();
        _values?.Dispose();
        _keys = _values = null;
    }
}

/// <summary>
/// How one forward of T new positions meets every layer's <see cref="KeyValueCache"/>.
/// <para>WriteFirst (one new position): it is written, then attends to the first <see cref="Attended"/> entries.</para>
/// <para>Otherwise the new positions attend to the first <see cref="Held"/> entries followed by themselves, then
/// the <see cref="Writes"/> (source position, cache index, count) store them.</para>
/// <see cref="Mask"/> (B, 1, T, L) is true where a query may attend; null with <see cref="Causal"/> means plain
/// causal order over the new positions, null without it means everything attended.
/// </summary>
internal sealed record CacheStep(bool WriteFirst, long Held, long Attended, (long Source, long Index, long Count)[] Writes, Tensor? Mask, bool Causal);
