using DslRunner.Models;

namespace DslRunner.Decoding;

/// <summary>Continues prompts with a trained model.</summary>
public interface IDecoder
{
    /// <summary>
    /// The stable identifier of this decoder's metrics, <c>decode/&lt;Key&gt;/…</c>: lower-case letters, digits and
    /// underscores (a declared decoder's name, else its DSL tag, e.g. <c>top_p</c>). Unique among an experiment's decoders.
    /// </summary>
    string Key { get; }

    /// <summary>The decoder and its settings for people reading reports (e.g. "top-p p=0.9 t=0.8").</summary>
    string Name { get; }

    /// <summary>
    /// Continues every prompt; row i of the result continues <paramref name="prompts"/>[i] and is what decoding
    /// that prompt alone would give (up to the last bits of the logits: a batch runs other kernels). Decoders that
    /// draw tokens draw row i from <paramref name="seeds"/>[i], by default the declared seed for every row.
    /// </summary>
    IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null);
}

public static class DecoderExtensions
{
    /// <summary>Continues one prompt: only the generated tokens (the prompt excluded).</summary>
    public static int[] Decode(this IDecoder decoder, LanguageModel model, IReadOnlyList<int> prompt) =>
        decoder.DecodeBatch(model, [prompt])[0].Tokens;
}
