using System.Globalization;
using DslRunner.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A <see cref="GptModel"/>'s decoding step for one new position per sequence — the token (and learned position)
/// vectors, every <see cref="TransformerBlock"/> writing into its <see cref="KeyValueCache"/> and attending to its
/// window, the final LayerNorm and a dot or tied head — as one TorchScript function, so the step's hundred or so
/// small operations cross from .NET into libtorch in one call. It runs the ATen operations the modules run, in the
/// same order, so the logits are the same bit for bit (FusedDecodeStepTests holds the two paths to that). Only
/// without gradients: the script has no dropout and is never differentiated.
/// </summary>
internal static class FusedDecodeStep
{
    /// <summary>Tensors each block hands the script, in <see cref="TransformerBlock.StepWeights"/> order.</summary>
    public const int WeightsPerBlock = 12;

    const string Function = "decode_step";

    // TorchSharp's modules call libtorch's C++ frontend, whose linear multiplies (B, T, C) inputs and then adds the
    // bias in place; aten::linear (torch.linear) folds the bias into the product instead, which rounds differently.
    static readonly string Script = $$"""
        def linear(x: Tensor, weight: Tensor, bias: Tensor) -> Tensor:
            y = torch.matmul(x, weight.t())
            y += bias
            return y

        def {{Function}}(tokens: Tensor, token_vectors: Tensor, position_vectors: Optional[Tensor], positions: Optional[Tensor],
                   rotation: Optional[Tensor], weights: List[Tensor], keys: List[Tensor], values: List[Tensor], index: int, attended: int,
                   heads: int, mask: Optional[Tensor], final_weight: Tensor, final_bias: Tensor, head: Optional[Tensor]) -> Tensor:
            x = torch.embedding(token_vectors, tokens)
            if position_vectors is not None and positions is not None:
                x = x + torch.embedding(position_vectors, positions)
            batch = x.size(0)
            width = x.size(2)
            head_size = width // heads
            for layer in range(len(keys)):
                w = {{WeightsPerBlock}} * layer
                qkv = linear(torch.layer_norm(x, [width], weights[w], weights[w + 1], {{Epsilon}}), weights[w + 2], weights[w + 3])
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
                x = x + linear(attention.view([batch, 1, width]), weights[w + 4], weights[w + 5])
                hidden = torch.gelu(linear(torch.layer_norm(x, [width], weights[w + 6], weights[w + 7], {{Epsilon}}), weights[w + 8], weights[w + 9]))
                x = x + linear(hidden, weights[w + 10], weights[w + 11])
            x = torch.layer_norm(x, [width], final_weight, final_bias, {{Epsilon}})
            if head is not None:
                x = torch.matmul(x, head.t())
            return x

        """;

    static string Epsilon => TransformerBlock.NormEpsilon.ToString("0.0##########e+0", CultureInfo.InvariantCulture);

    // Compiled once per process; TorchScript functions may run on several threads at once.
    static readonly Lazy<jit.CompilationUnit> Compiled = new(() => jit.compile(Script));

    // libtorch's graph executor optimises a script unless told not to on the calling thread; its rewrites may fuse or
    // decompose operations (a product and the add of its bias into one, for instance), and the bits would move.
    [ThreadStatic] static bool _optimiserTurnedOff;

    static long _steps;

    /// <summary>Fused steps run in this process so far.</summary>
    public static long Steps => Interlocked.Read(ref _steps);

    /// <summary>Whether a forward with these settings may take the fused step: one position written first, no gradients.</summary>
    public static bool Applies(CacheStep? step, IReadOnlyList<KeyValueCache>? caches, bool training) =>
        step is { WriteFirst: true } && caches is not null && !training && !is_grad_enabled();

    /// <summary>
    /// The step's tokens (B, 1) → logits (B, 1, V) when <paramref name="model"/> has a linear head (dot or tied), else the
    /// final LayerNorm's output (B, 1, C) for the cosine head to finish. Learned positions add
    /// <paramref name="positions"/>' vectors; rotary ones turn queries and keys by <paramref name="rotation"/> (1, 1, 1, hs/2).
    /// The new position is written at cache index step.Writes[0] and attends to the first step.Attended entries where
    /// <paramref name="mask"/> allows.
    /// </summary>
    public static Tensor Run(FusedModel model, Tensor tokens, Tensor? positions, Tensor? rotation, IReadOnlyList<KeyValueCache> caches, CacheStep step, Tensor? mask, long window)
    {
        Interlocked.Increment(ref _steps);
        long batch = tokens.shape[0], width = model.TokenVectors.shape[1];
        var storage = caches.Select(c => c.Storage(batch, model.Heads, window, width / model.Heads, model.TokenVectors.dtype, tokens.device)).ToArray();
        if (!_optimiserTurnedOff)
        {
            LibTorchNative.SetGraphExecutorOptimize(false); // asked once per thread, reachable or not
            _optimiserTurnedOff = true;
        }
        return Compiled.Value.invoke<Tensor>(Function,
            tokens, model.TokenVectors, model.PositionVectors!, positions!, rotation!, model.BlockWeights,
            storage.Select(s => s.Keys).ToArray(), storage.Select(s => s.Values).ToArray(),
            checked((int)step.Writes[0].Index), checked((int)step.Attended), model.Heads, mask!,
            model.FinalWeight, model.FinalBias, model.Head!);
    }
}

/// <summary>What <see cref="FusedDecodeStep"/> reads of a <see cref="GptModel"/>, gathered for one step.</summary>
internal sealed record FusedModel(
    Tensor TokenVectors, Tensor? PositionVectors, Tensor[] BlockWeights, int Heads, Tensor FinalWeight, Tensor FinalBias, Tensor? Head);
