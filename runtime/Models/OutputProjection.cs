using DslRunner.Native;
using DslRunner.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>Context vectors (…, d) → logits (…, V) by one of seed 000's similarity heads.</summary>
public sealed class OutputProjection : nn.Module<Tensor, Tensor>
{
    readonly OutputHead _head;
    readonly Func<Tensor> _tokenVectors;
    readonly Linear? _dot;
    readonly Parameter? _learnedScale;
    readonly double? _fixedScale;

    /// <param name="tokenVectors">The model's input token vectors (V, d), used by the tied and cosine heads.
    /// A delegate, not a field, so the embedding stays owned (and counted) by the model alone.</param>
    /// <param name="cosineScale">The cosine head's logit scale; null = learned, starting at √d.</param>
    public OutputProjection(OutputHead head, Func<Tensor> tokenVectors, int width, int vocabularySize, double? cosineScale)
        : base(nameof(OutputProjection))
    {
        _head = head;
        _tokenVectors = tokenVectors;
        if (head == OutputHead.Dot) _dot = nn.Linear(width, vocabularySize, hasBias: false);
        if (head == OutputHead.Cosine)
        {
            if (cosineScale is { } scale) _fixedScale = scale;
            else _learnedScale = nn.Parameter(tensor((float)Math.Sqrt(width)));
        }
        RegisterComponents();
    }

    public Tensor? OwnVectors => _dot?.weight;

    /// <summary>(V, d): logits = context · matrixᵀ for the dot and tied heads; null for the cosine head, which normalises first.</summary>
    internal Tensor? LinearMatrix => _head switch
    {
        OutputHead.Dot => _dot!.weight!,
        OutputHead.Tied => _tokenVectors(),
        _ => null,
    };

    public override Tensor forward(Tensor context) => _head switch
    {
        OutputHead.Dot => _dot!.call(context),
        OutputHead.Tied => context.matmul(_tokenVectors().t()),
        OutputHead.Cosine => Cosine(context),
        _ => throw new ArgumentOutOfRangeException(nameof(_head), _head, null),
    };

    Tensor Cosine(Tensor context)
    {
        using var scope = NewDisposeScope();
        var unitContext = nn.functional.normalize(context, p: 2, dim: -1);
        var unitTokens = nn.functional.normalize(_tokenVectors(), p: 2, dim: -1);
        var similarity = unitContext.matmul(unitTokens.t());
        var logits = _learnedScale is null ? similarity.Times(_fixedScale!.Value) : similarity * _learnedScale;
        return logits.MoveToOuterDisposeScope();
    }
}
