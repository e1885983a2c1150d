using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>One attention layer's keys and values for the positions decoded so far, (B, nh, L, hs) each.</summary>
internal sealed class KeyValueCache : IDisposable
{
    Tensor? _keys;
    Tensor? _values;

    /// <summary>Positions held, L.</summary>
    public long Length => _keys?.shape[2] ?? 0;

    /// <summary>
    /// The cached keys and values followed by the new ones (B, nh, L + T, hs), contiguous (new keys are views
    /// into the fused q/k/v projection, which the cache must not keep alive); the cache is unchanged.
    /// </summary>
    internal (Tensor Keys, Tensor Values) Extended(Tensor keys, Tensor values) =>
        _keys is null || _values is null
            ? (keys.contiguous(), values.contiguous())
            : (cat([_keys, keys], 2), cat([_values, values], 2));

    /// <summary>Takes ownership of <paramref name="keys"/> and <paramref name="values"/> as the whole cache.</summary>
    internal void Replace(Tensor keys, Tensor values)
    {
        var (oldKeys, oldValues) = (_keys, _values);
        _keys = keys.DetachFromDisposeScope();
        _values = values.DetachFromDisposeScope();
        if (!ReferenceEquals(oldKeys, keys)) oldKeys?.Dispose();
        if (!ReferenceEquals(oldValues, values)) oldValues?.Dispose();
    }

    /// <summary>A new cache holding the sequences <paramref name="rows"/> of this one, in that order.</summary>
    internal KeyValueCache Select(Tensor rows)
    {
        var selected = new KeyValueCache();
        if (_keys is not null && _values is not null)
            selected.Replace(_keys.index_select(0, rows), _values.index_select(0, rows));
        return selected;
    }

    internal void Clear()
    {
        _keys?.Dispose();
        _values?.Dispose();
        _keys = _values = null;
    }

    public void Dispose() => Clear();
}
