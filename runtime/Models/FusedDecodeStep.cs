using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A decoding step through every <see cref="TransformerBlock"/> at once — one new position per sequence, written into
/// each block's <see cref="KeyValueCache"/> and attending to its window — as one TorchScript function, so the step's
/// two dozen small operations per block cross from .NET into libtorch in one call instead of one call each. It runs
/// the ATen operations <see cref="TransformerBlock"/> and <see cref="CausalSelfAttention"/> run, in the same order, so
/// the logits are the same bit for bit (FusedDecodeStepTests holds the two paths to that). Only without gradients:
/// the script has no dropout and is never differentiated.
/// </summary>
internal static class FusedDecodeStep
{
    /// <summary>Tensors each block hands the script, in <see cref="TransformerBlock.StepWeights"/> order.</summary>
    public const int WeightsPerBlock = 12;

    const string Function = "blocks";

    static readonly string Script = $$"""
        def {{Function}}(x: Tensor, rotation: Optional[Tensor], weights: List[Tensor], keys: List[Tensor], values: List[Tensor],
                   index: int, attended: int, heads: int, mask: Optional[Tensor]) -> Tensor:
            batch = x.size(0)
            width = x.size(2)
            head_size = width // heads
            for layer in range(len(keys)):
                w = {{WeightsPerBlock}} * layer
                qkv = torch.linear(torch.layer_norm(x, [width], weights[w], weights[w + 1], {{Epsilon}}), weights[w + 2], weights[w + 3])
                if rotation is not None:
                    torch.view_as_complex(qkv.view([batch, 1, 3 * heads, head_size // 2, 2]).narrow(2, 0, 2 * heads)).mul_(rotation)
                split = qkv.view([batch, 1, 3 * heads, head_size]).transpose(1, 2)
                cached_keys = keys[layer]
                cached_values = values[layer]
                cached_keys.narrow(2, index, 1).copy_(split.narrow(1, heads, heads))
                cached_values.narrow(2, index, 1).copy_(split.narrow(1, 2 * heads, heads))
                if attended < cached_keys.size(2):
                    cached_keys = cached_keys.narrow(2, 0, attended)
                    cached_values = cached_values.narrow(2, 0, attended)
                attention = torch.scaled_dot_product_attention(split.narrow(1, 0, heads), cached_keys, cached_values, mask)
                x = x + torch.linear(attention.view([batch, 1, width]), weights[w + 4], weights[w + 5])
                hidden = torch.gelu(torch.linear(torch.layer_norm(x, [width], weights[w + 6], weights[w + 7], {{Epsilon}}), weights[w + 8], weights[w + 9]))
                x = x + torch.linear(hidden, weights[w + 10], weights[w + 11])
            return x

        """;

    static string Epsilon => TransformerBlock.NormEpsilon.ToString("0.0##########e+0", CultureInfo.InvariantCulture);

    // Compiled once per process; TorchScript functions may run on several threads at once.
    static readonly Lazy<jit.CompilationUnit> Compiled = new(() => jit.compile(Script));

    static long _steps;

    /// <summary>Fused steps run in this process so far.</summary>
    public static long Steps => Interlocked.Read(ref _steps);

    /// <summary>Whether a forward with these settings may take the fused step: one position written first, no gradients.</summary>
    public static bool Applies(CacheStep? step, IReadOnlyList<KeyValueCache>? caches, bool training) =>
        step is { WriteFirst: true } && caches is not null && !training && !is_grad_enabled();

    /// <summary>
    /// x (B, 1, C) through every block: <paramref name="weights"/> holds <see cref="WeightsPerBlock"/> tensors per block,
    /// <paramref name="rotation"/> (1, 1, 1, hs/2) turns queries and keys when rotary, the new position is written at
    /// cache index step.Writes[0] and attends to the first step.Attended entries where <paramref name="mask"/> allows.
    /// </summary>
    public static Tensor Run(Tensor x, Tensor? rotation, Tensor[] weights, IReadOnlyList<KeyValueCache> caches, CacheStep step, Tensor? mask, int heads, long window)
    {
        Interlocked.Increment(ref _steps);
        var shape = x.shape;
        var storage = caches.Select(c => c.Storage(shape[0], heads, window, shape[2] / heads, x.dtype, x.device)).ToArray();
        return Compiled.Value.invoke<Tensor>(Function,
            x, rotation!, weights, storage.Select(s => s.Keys).ToArray(), storage.Select(s => s.Values).ToArray(),
            checked((int)step.Writes[0].Index), checked((int)step.Attended), heads, mask!);
    }
}
