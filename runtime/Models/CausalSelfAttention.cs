using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>Multi-head causal self-attention on libtorch's fused scaled-dot-product kernel.</summary>
public sealed class CausalSelfAttention : nn.Module<Tensor, Tensor>
{
    readonly Linear qkv;
    readonly Linear projection;
    readonly Dropout residualDropout;
    readonly int _heads;
    readonly double _dropout;

    public CausalSelfAttention(int width, int heads, double dropout) : base(nameof(CausalSelfAttention))
    {
        if (width % heads != 0)
            throw new ArgumentException($"d_model ({width}) must be divisible by heads ({heads})");
        qkv = nn.Linear(width, 3 * width);
        projection = nn.Linear(width, width);
        residualDropout = nn.Dropout(dropout);
        _heads = heads;
        _dropout = dropout;
        RegisterComponents();
    }

    /// <summary>The projection to queries, keys and values, (3C, C).</summary>
    internal Linear Qkv => qkv;

    /// <summary>The output projection, initialised with a depth-scaled std (GPT-2).</summary>
    public Linear Projection => projection;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = SplitHeads(x, rotation: null);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, p: training ? _dropout : 0, is_casual: true);
        return MergeHeads(attended).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Attends positions x (B, T, C), their queries and keys turned by <paramref name="rotation"/> (1, T, 1, hs/2)
    /// when rotary, to each other (no cache) or to the cached positions and to each other. <paramref name="mask"/>
    /// (B, 1, T, L) is true where a query may attend; null means causal order when <paramref name="causal"/>,
    /// else every key.
    /// </summary>
    internal Tensor forward(Tensor x, Tensor? rotation, KeyValueCache? cache, CacheStep? step, Tensor? mask, bool causal, long window)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = SplitHeads(x, rotation);
        var (keys, values) = cache is null || step is null ? (k, v) : cache.Attend(k, v, step, window); // (B, nh, L, hs)
        var attended = nn.functional.scaled_dot_product_attention(
            q, keys, values, attn_mask: mask, p: training ? _dropout : 0, is_casual: mask is null && causal);
        return MergeHeads(attended).MoveToOuterDisposeScope();
    }

    (Tensor Q, Tensor K, Tensor V) SplitHeads(Tensor x, Tensor? rotation)
    {
        var shape = x.shape; // one native call for all three
        long batch = shape[0], time = shape[1], headSize = shape[2] / _heads;
        var projected = qkv.call(x); // (B, T, 3C)
        if (rotation is not null) // queries and keys turned where the projection wrote them: no copy
            RotaryPositions.RotateInPlace(projected.view(batch, time, 3 * _heads, headSize / 2, 2).narrow(2, 0, 2 * _heads), rotation);
        var heads = projected.view(batch, time, 3 * _heads, headSize).transpose(1, 2); // (B, 3nh, T, hs)
        return (heads.narrow(1, 0, _heads), heads.narrow(1, _heads, _heads), heads.narrow(1, 2 * _heads, _heads)); // (B, nh, T, hs) each
    }

    Tensor MergeHeads(Tensor attended)
    {
        var shape = attended.shape;
        long batch = shape[0], time = shape[2];
        var merged = time == 1 ? attended.view(batch, 1, -1) : attended.transpose(1, 2).reshape(batch, time, -1); // (B, T, C)
        var projected = projection.call(merged);
        return training ? residualDropout.call(projected) : projected;
    }
}
