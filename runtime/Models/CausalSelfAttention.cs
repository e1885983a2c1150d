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
        long batch = x.shape[0], time = x.shape[1], width = x.shape[2];
        long headSize = width / _heads;
        var qkvParts = qkv.call(x).split(width, dim: 2);
        var q = qkvParts[0].view(batch, time, _heads, headSize).transpose(1, 2); // (B, nh, T, hs)
        var k = qkvParts[1].view(batch, time, _heads, headSize).transpose(1, 2); // (B, nh, T, hs)
        var v = qkvParts[2].view(batch, time, _heads, headSize).transpose(1, 2); // (B, nh, T, hs)
        var attended = nn.functional.scaled_dot_product_attention(q, k, v, p: training ? _dropout : 0, is_casual: true);
        var merged = attended.transpose(1, 2).contiguous().view(batch, time, width); // (B, T, C)
        return residualDropout.call(projection.call(merged)).MoveToOuterDisposeScope();
    }
}
