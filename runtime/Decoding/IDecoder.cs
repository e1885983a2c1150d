using DslRunner.Models;

namespace DslRunner.Decoding;

/// <summary>Continues prompts with a trained model.</summary>
public interface IDecoder
{
    /// <summary>A short name for reports (e.g. "greedy").</summary>
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
