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

    /// <summary>The output projection, initialised with a depth-scaled std (GPT-2).</summary>
    public Linear Projection => projection;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = SplitHeads(x);
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, p: training ? _dropout : 0, is_casual: true);
        return MergeHeads(attended).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Attends new positions x (B, T, C) to the cached positions and to each other. <paramref name="mask"/>
    /// (T, L + T) is true where a query may attend; null means causal order, which needs an empty cache or T = 1.
    /// With <paramref name="extendCache"/> the new keys and values join the cache.
    /// </summary>
    internal Tensor forward(Tensor x, KeyValueCache cache, Tensor? mask, bool extendCache)
    {
        using var scope = NewDisposeScope();
        long time = x.shape[1];
        if (mask is null && time > 1 && cache.Length > 0)
            throw new ArgumentException("several new positions after cached ones need an explicit mask", nameof(mask));
        var (q, k, v) = SplitHeads(x);
        var (keys, values) = cache.Extended(k, v); // (B, nh, L + T, hs)
        var attended = nn.functional.scaled_dot_product_attention(
            q, keys, values, attn_mask: mask, p: training ? _dropout : 0, is_casual: mask is null && time > 1);
        if (extendCache) cache.Replace(keys, values);
        return MergeHeads(attended).MoveToOuterDisposeScope();
    }

    (Tensor Q, Tensor K, Tensor V) SplitHeads(Tensor x)
    {
        long batch = x.shape[0], time = x.shape[1], width = x.shape[2];
        long headSize = width / _heads;
        var qkvParts = qkv.call(x).split(width, dim: 2);
        var q = qkvParts[0].view(batch, time, _heads, headSize).transpose(1, 2); // (B, nh, T, hs)
        var k = qkvParts[1].view(batch, time, _heads, headSize).transpose(1, 2); // (B, nh, T, hs)
        var v = qkvParts[2].view(batch, time, _heads, headSize).transpose(1, 2); // (B, nh, T, hs)
        return (q, k, v);
    }

    Tensor MergeHeads(Tensor attended)
    {
        long batch = attended.shape[0], time = attended.shape[2];
        var merged = attended.transpose(1, 2).contiguous().view(batch, time, -1); // (B, T, C)
        return residualDropout.call(projection.call(merged));
    }
}
