namespace DslRunner.Tokenizers;

/// <summary>
/// An adjacent token pair packed into one long (left id in the high half). long's own hash is left XOR right,
/// which sends most pairs of a large vocabulary to the same few thousand buckets, so pair dictionaries use
/// <see cref="Comparer"/>, which mixes all 64 bits.
/// </summary>
static class PairKey
{
    public static long Pack(int left, int right) => ((long)left << 32) | (uint)right;

    public static (int Left, int Right) Unpack(long pair) => ((int)(pair >> 32), (int)(uint)pair);

    public static readonly IEqualityComparer<long> Comparer = new MixingComparer();

    sealed class MixingComparer : IEqualityComparer<long>
    {
        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long pair) => (int)((ulong)pair * 0x9E3779B97F4A7C15UL >> 32);
    }
}
