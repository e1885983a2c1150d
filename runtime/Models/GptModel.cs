using DslRunner.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// A GPT-style decoder-only transformer: token + learned position embeddings, pre-LN blocks with causal
/// attention, a final LayerNorm, and a dot, tied or cosine output head. GPT-2 initialisation.
/// </summary>
public sealed class GptModel : LanguageModel
{
    readonly Embedding tokenEmbedding;
    readonly Embedding positionEmbedding;
    readonly Dropout embeddingDropout;
    readonly ModuleList<TransformerBlock> blocks;
    readonly LayerNorm finalNorm;
    readonly OutputProjection output;

    public GptModel(TransformerConfig config, int vocabularySize)
        : base(nameof(GptModel), vocabularySize, config.Context, config.Head)
    {
        if (config.DModel % config.Heads != 0)
            throw new ArgumentException($"d_model ({config.DModel}) must be divisible by heads ({config.Heads})");
        tokenEmbedding = nn.Embedding(vocabularySize, config.DModel);
        positionEmbedding = nn.Embedding(config.Context, config.DModel);
        embeddingDropout = nn.Dropout(config.Dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, config.Layers)
            .Select(_ => new TransformerBlock(config.DModel, config.Heads, config.Dropout)).ToArray());
        finalNorm = nn.LayerNorm(config.DModel);
        output = new OutputProjection(config.Head, () => tokenEmbedding.weight!, config.DModel, vocabularySize, config.CosineScale);
        RegisterComponents();
        InitializeWeights(config.Layers);
    }

    public override Tensor TokenVectors => tokenEmbedding.weight!;

    public override Tensor? OutputVectors => output.OwnVectors;

    /// <summary>tokens (B, T) → logits (B, T, V).</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        long time = tokens.shape[1];
        if (time > Context)
            throw new ArgumentException($"input of {time} tokens is longer than the model's context of {Context}");
        var positions = arange(time, dtype: int64, device: tokens.device);
        var x = embeddingDropout.call(tokenEmbedding.call(tokens) + positionEmbedding.call(positions)); // (B, T, C)
        foreach (var block in blocks) x = block.call(x);
        return output.call(finalNorm.call(x)).MoveToOuterDisposeScope(); // (B, T, V)
    }

    /// <summary>Decoding with a key/value cache per block (<see cref="GptDecodingState"/>).</summary>
    public override DecodingState StartDecoding() => new GptDecodingState(this);

    internal int Layers => blocks.Count;

    /// <summary>
    /// tokens (B, T) at <paramref name="positions"/> (T), after the positions held in <paramref name="caches"/>
    /// (one per block) → logits (B, T, V), or (B, 1, V) for the last position only. The mask is the attention's
    /// (see <see cref="CausalSelfAttention"/>).
    /// </summary>
    internal Tensor ForwardCached(
        Tensor tokens, Tensor positions, IReadOnlyList<KeyValueCache> caches, Tensor? mask, bool extendCache, bool lastPositionOnly)
    {
        using var scope = NewDisposeScope();
        var x = embeddingDropout.call(tokenEmbedding.call(tokens) + positionEmbedding.call(positions)); // (B, T, C)
        for (int i = 0; i < blocks.Count; i++) x = blocks[i].forward(x, caches[i], mask, extendCache);
        if (lastPositionOnly) x = x[.., ^1..]; // (B, 1, C)
        return output.call(finalNorm.call(x)).MoveToOuterDisposeScope();
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
