using DslRunner.Native;
using DslRunner.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A GPT-style decoder-only transformer: token embeddings with learned position embeddings or rotary positions,
/// pre-LN blocks with causal attention, a final LayerNorm, and a dot, tied or cosine output head. GPT-2
/// initialisation. With rotary positions a text longer than the context is read with sliding-window attention:
/// every position of every layer attends to the last <see cref="LanguageModel.Context"/> positions up to itself.
/// </summary>
public sealed class GptModel : LanguageModel
{
    readonly Embedding tokenEmbedding;
    readonly Embedding? positionEmbedding;
    readonly RotaryPositions? _rotary;
    Tensor? _positionIds; // 0 … context − 1, read as views (learned positions)
    readonly Dropout embeddingDropout;
    readonly ModuleList<TransformerBlock> blocks;
    readonly LayerNorm finalNorm;
    readonly OutputProjection output;
    readonly int _heads;

    public GptModel(TransformerConfig config, int vocabularySize)
        : base(nameof(GptModel), vocabularySize, config.Context, config.Head)
    {
        if (config.DModel % config.Heads != 0)
            throw new ArgumentException($"d_model ({config.DModel}) must be divisible by heads ({config.Heads})");
        _heads = config.Heads;
        tokenEmbedding = nn.Embedding(vocabularySize, config.DModel);
        Positions = config.Positions;
        if (config.Positions == PositionEncoding.Learned) positionEmbedding = nn.Embedding(config.Context, config.DModel);
        else _rotary = new RotaryPositions(config.DModel / config.Heads);
        embeddingDropout = nn.Dropout(config.Dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers)
            .Select(_ => new TransformerBlock(config.DModel, config.Heads, config.Dropout)).ToArray());
        finalNorm = nn.LayerNorm(config.DModel, TransformerBlock.NormEpsilon);
        output = new OutputProjection(config.Head, () => tokenEmbedding.weight!, config.DModel, vocabularySize, config.CosineScale);
        RegisterComponents();
        InitializeWeights(config.Layers);
    }

    public override Tensor TokenVectors => tokenEmbedding.weight!;

    public override Tensor? OutputVectors => output.OwnVectors;

    public PositionEncoding Positions { get; }

    /// <summary>
    /// Whether a one-token decoding step without gradients runs as one TorchScript call (<see cref="FusedDecodeStep"/>);
    /// off, it runs module by module, with the same bits. The benchmark times the two side by side.
    /// </summary>
    internal bool FusedSteps { get; set; } = true;

    /// <summary>
    /// tokens (B, T) → logits (B, T, V). Learned positions take at most the context; rotary ones any length, each
    /// position attending to the last context positions up to itself (a banded causal mask past the context).
    /// </summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        long time = tokens.shape[1];
        if (_rotary is null)
        {
            if (time > Context)
                throw new ArgumentException($"input of {time} tokens is longer than the model's context of {Context}");
            var positions = Scalars.Range(time, int64, tokens.device);
            var x = Dropout(tokenEmbedding.call(tokens).Plus(positionEmbedding!.call(positions))); // (B, T, C)
            foreach (var block in blocks) x = block.call(x);
            return output.call(finalNorm.call(x)).MoveToOuterDisposeScope(); // (B, T, V)
        }
        var mask = time > Context ? BandedCausalMask(time, Context, tokens.device) : null;
        return Forward(tokens, positions: null, firstSlot: 0, sameSlot: false, caches: null, step: null, mask, causal: true, lastPositionOnly: false)
            .MoveToOuterDisposeScope();
    }

    /// <summary>(T, T), true where position i may attend to position j: i − W &lt; j ≤ i.</summary>
    internal static Tensor BandedCausalMask(long time, long width, Device device) =>
        ones(time, time, dtype: @bool, device: device).tril().triu(-(width - 1));

    /// <summary>Decoding with a key/value cache per block (<see cref="GptDecodingState"/>).</summary>
    public override DecodingState StartDecoding() => new GptDecodingState(this);

    internal int Layers => blocks.Count;

    /// <summary>
    /// tokens (B, T) → logits (B, T, V), or (B, 1, V) for the last position only. Learned positions read
    /// <paramref name="positions"/> ((T) or (B, T)); rotary ones rotate by slots <paramref name="firstSlot"/> …,
    /// or all by <paramref name="firstSlot"/> when <paramref name="sameSlot"/> (candidates for one next position).
    /// With <paramref name="caches"/> (one per block) the positions meet the cache as <paramref name="step"/> says;
    /// the mask and causal flag are the attention's (see <see cref="CausalSelfAttention"/>).
    /// </summary>
    internal Tensor Forward(
        Tensor tokens, Tensor? positions, long firstSlot, bool sameSlot, IReadOnlyList<KeyValueCache>? caches, CacheStep? step,
        Tensor? mask, bool causal, bool lastPositionOnly)
    {
        using var scope = NewDisposeScope();
        if (FusedSteps && FusedDecodeStep.Applies(step, caches, training))
            return FusedStep(tokens, positions, firstSlot, caches!, step!, mask).MoveToOuterDisposeScope();
        long time = tokens.shape[1];
        Tensor x, rotation = null!;
        if (_rotary is null) x = Dropout(tokenEmbedding.call(tokens).Plus(positionEmbedding!.call(positions!))); // (B, T, C)
        else
        {
            x = Dropout(tokenEmbedding.call(tokens)); // (B, T, C)
            rotation = RotaryPositions.Broadcast(sameSlot ? _rotary.For(firstSlot, 1, tokens.device).expand(time, -1) : _rotary.For(firstSlot, time, tokens.device));
        }
        for (int i = 0; i < blocks.Count; i++)
            x = blocks[i].forward(x, _rotary is null ? null : rotation, caches?[i], step, mask, causal, Context);
        if (lastPositionOnly && time > 1) x = x[.., ^1..]; // (B, 1, C)
        return output.call(finalNorm.call(x)).MoveToOuterDisposeScope();
    }

    /// <summary>One new position per sequence in one TorchScript call (<see cref="FusedDecodeStep"/>): (B, 1) → (B, 1, V).</summary>
    Tensor FusedStep(Tensor tokens, Tensor? positions, long slot, IReadOnlyList<KeyValueCache> caches, CacheStep step, Tensor? mask)
    {
        var head = output.LinearMatrix;
        var model = new FusedModel(tokenEmbedding.weight!, positionEmbedding?.weight, [.. blocks.SelectMany(b => b.StepWeights)], _heads,
            finalNorm.weight!, finalNorm.bias!, head);
        var rotation = _rotary is null ? null : RotaryPositions.Broadcast(_rotary.For(slot, 1, tokens.device));
        var stepped = FusedDecodeStep.Run(model, tokens, positions, rotation, caches, step, mask, Context);
        return head is null ? output.call(stepped) : stepped;
    }

    Tensor Dropout(Tensor x) => training ? embeddingDropout.call(x) : x;

    /// <summary>Positions start … start + count − 1 for the learned embedding, a view of a table kept once.</summary>
    internal Tensor PositionIds(long start, long count, Device device)
    {
        if (_positionIds is null || !SameDevice(_positionIds, device))
        {
            _positionIds?.Dispose();
            _positionIds = Scalars.Range(Context, int64, device).DetachFromDisposeScope();
        }
        return _positionIds.narrow(0, start, count);
    }

    internal static bool SameDevice(Tensor tensor, Device device) => tensor.device_type == device.type && tensor.device_index == device.index;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rotary?.Dispose();
            _positionIds?.Dispose();
        }
        base.Dispose(disposing);
    }

    void InitializeWeights(int layers)
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            switch (module)
            {
                case Linear linear:
                    nn.init.normal_(linear.weight!, 0, 0.02);
                    if (linear.bias is { } bias) nn.init.zeros_(bias);
                    break;
                case Embedding embedding:
                    nn.init.normal_(embedding.weight!, 0, 0.02);
                    break;
            }
        }
        double residualStd = 0.02 / Math.Sqrt(2.0 * layers);
        foreach (var projection in blocks.SelectMany(b => b.ResidualProjections))
            nn.init.normal_(projection.weight!, 0, residualStd);
    }
}

/// <param name="Layers">Number of pre-LN transformer blocks.</param>
/// <param name="DModel">Width of the residual stream; divisible by <paramref name="Heads"/>.</param>
/// <param name="Heads">Attention heads per block.</param>
/// <param name="Context">Longest sequence the model sees at once: the learned positions, or the attention window of rotary ones.</param>
/// <param name="Head">Output head.</param>
/// <param name="Dropout">Dropout probability used in training.</param>
/// <param name="CosineScale">Scale of the cosine head's logits; null = learned.</param>
/// <param name="Positions">Learned position vectors or rotary positions.</param>
public sealed record TransformerConfig(
    int Layers, int DModel, int Heads, int Context, OutputHead Head, double Dropout, double? CosineScale,
    PositionEncoding Positions = PositionEncoding.Learned)
    : ModelConfig(Context, Head, Dropout)
{
    public override LanguageModel Build(int vocabularySize) => new GptModel(this, vocabularySize);

    /// <summary>m = attention heads: each head routes the context into the layer's output its own way.</summary>
    public override (int Layers, int Width, double PossibilitiesPerUnit) ExpressiveShape() => (Layers, DModel, Heads);

    /// <summary>Per block 4·d² in attention and 8·d² in the MLP.</summary>
    public override double NonEmbeddingParameters() => 12.0 * Layers * DModel * DModel;

    public override string Describe() =>
        $"{Layers}-layer transformer (d_model {DModel}, {Heads} heads, context {Context}, {Head.ToString().ToLowerInvariant()} head)";
}
