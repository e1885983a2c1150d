using DslRunner.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>A pre-LN block: x + attn(ln₁(x)), then + mlp(ln₂(x)) with a GELU MLP four times as wide.</summary>
public sealed class TransformerBlock : nn.Module<Tensor, Tensor>
{
    readonly LayerNorm attentionNorm;
    readonly CausalSelfAttention attention;
    readonly LayerNorm mlpNorm;
    readonly Linear expand;
    readonly GELU gelu;
    readonly Linear contract;
    readonly Dropout mlpDropout;

    /// <summary>The LayerNorms' ε (libtorch's default), also written into <see cref="FusedDecodeStep"/>'s script.</summary>
    internal const double NormEpsilon = 1e-5;

    public TransformerBlock(int width, int heads, double dropout) : base(nameof(TransformerBlock))
    {
        attentionNorm = nn.LayerNorm(width, NormEpsilon);
        attention = new CausalSelfAttention(width, heads, dropout);
        mlpNorm = nn.LayerNorm(width, NormEpsilon);
        expand = nn.Linear(width, 4 * width);
        gelu = nn.GELU();
        contract = nn.Linear(4 * width, width);
        mlpDropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>The two projections that write into the residual stream (scaled at init, GPT-2).</summary>
    public IEnumerable<Linear> ResidualProjections => [attention.Projection, contract];

    /// <summary>The block's weights in the order <see cref="FusedDecodeStep"/>'s script reads them.</summary>
    internal IEnumerable<Tensor> StepWeights =>
    [
        attentionNorm.weight!, attentionNorm.bias!, attention.Qkv.weight!, attention.Qkv.bias!, attention.Projection.weight!, attention.Projection.bias!,
        mlpNorm.weight!, mlpNorm.bias!, expand.weight!, expand.bias!, contract.weight!, contract.bias!,
    ];

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var afterAttention = x.Plus(attention.call(attentionNorm.call(x)));
        return afterAttention.Plus(Mlp(afterAttention)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The block with rotary positions, a mask or a cache (see <see cref="CausalSelfAttention"/>). A one-token decoding
    /// step runs this computation as <see cref="FusedDecodeStep"/>'s script instead: a change here is a change there
    /// (FusedDecodeStepTests holds the two equal, bit for bit).
    /// </summary>
    internal Tensor forward(Tensor x, Tensor? rotation, KeyValueCache? cache, CacheStep? step, Tensor? mask, bool causal, long window)
    {
        using var scope = NewDisposeScope();
        var afterAttention = x.Plus(attention.forward(attentionNorm.call(x), rotation, cache, step, mask, causal, window));
        return afterAttention.Plus(Mlp(afterAttention)).MoveToOuterDisposeScope();
    }

    Tensor Mlp(Tensor x)
    {
        var mlp = contract.call(gelu.call(expand.call(mlpNorm.call(x))));
        return training ? mlpDropout.call(mlp) : mlp; // dropout is the identity in evaluation: no call per decoding step
    }
}
