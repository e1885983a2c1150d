using DslRunner.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// Rotary positions (RoFormer): the pair (2i, 2i+1) of every query and key head at position t is turned by the
/// angle t·θᵢ, θᵢ = 10000^(−2i/hs), so a query–key product depends on their distance only. The unit complex
/// numbers e^{i·t·θ} come from a table computed in float64 and grown by doubling; a forward and a decoding step
/// read the same rows, so both rotate by bit-identical factors. Not a parameter: checkpoints do not hold it.
/// </summary>
internal sealed class RotaryPositions(int headSize) : IDisposable
{
    const double Base = 10000;
    Tensor? _table; // (N, hs/2) complex64

    /// <summary>The rotations of positions [start, start + count), (count, hs/2) complex, a view of the table.</summary>
    public Tensor For(long start, long count, Device device)
    {
        long needed = start + count;
        if (_table is null || _table.shape[0] < needed || !GptModel.SameDevice(_table, device))
            Grow(Math.Max(needed, 2 * (_table?.shape[0] ?? 64)), device);
        return _table!.narrow(0, start, count);
    }

    /// <summary>
    /// Turns queries and keys in place: <paramref name="pairs"/> (B, T, n, hs/2, 2), a view into the projection's
    /// output, as hs/2 complex numbers per head, times <paramref name="rotation"/> (1, T, 1, hs/2) from
    /// <see cref="Broadcast"/>: one complex product for every head of q and k.
    /// </summary>
    public static void RotateInPlace(Tensor pairs, Tensor rotation) => view_as_complex(pairs).mul_(rotation);

    /// <summary>Rotations (T, hs/2) shaped once per forward to broadcast over batch and heads: (1, T, 1, hs/2).</summary>
    public static Tensor Broadcast(Tensor rotation) => rotation.unsqueeze(0).unsqueeze(2);

    void Grow(long rows, Device device)
    {
        if (headSize % 2 != 0) throw new ArgumentException($"rotary positions need an even head size, not {headSize}");
        using var scope = NewDisposeScope();
        using var end = headSize.ToScalar();
        var exponents = arange(Scalars.Zero, end, Scalars.Two, float64).negative().DividedBy((long)headSize);
        var frequencies = pow(tensor(Base), exponents); // (hs/2)
        var angles = Scalars.Range(rows, float64).unsqueeze(1) * frequencies.unsqueeze(0); // (N, hs/2)
        var table = complex(angles.cos().to_type(float32), angles.sin().to_type(float32)).to(device);
        _table?.Dispose();
        _table = table.DetachFromDisposeScope();
    }

    public void Dispose() => _table?.Dispose();
}
