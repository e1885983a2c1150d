namespace DslRunner.Decoding;

/// <summary>Decoder keys name metrics (<c>decode/&lt;key&gt;/…</c>), so the decoders of one run must not share one.</summary>
public static class DecoderKeys
{
    /// <exception cref="ArgumentException">Two decoders share a key.</exception>
    public static void EnsureUnique(IEnumerable<IDecoder> decoders)
    {
        var clash = decoders.GroupBy(d => d.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException(
                $"decoders {string.Join(" and ", clash.Select(d => $"'{d.Name}'"))} are both keyed '{clash.Key}', so their metrics " +
                $"decode/{clash.Key}/... would collide; give one a distinct name (the Name of its config)", nameof(decoders));
    }
}
