using DslRunner.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>Seed 003's recurrent language model: Embedding → stacked LSTM → output head.</summary>
public sealed class LstmModel : LanguageModel
{
    readonly Embedding tokenEmbedding;
    readonly LSTM lstm;
    readonly Dropout dropout;
    readonly OutputProjection output;

    public LstmModel(LstmConfig config, int vocabularySize)
        : base(nameof(LstmModel), vocabularySize, config.Context, config.Head)
    {
        if (config.Head == OutputHead.Tied && config.Embedding != config.Hidden)
            throw new ArgumentException(
                $"a tied head needs embedding ({config.Embedding}) equal to hidden ({config.Hidden})");
        tokenEmbedding = nn.Embedding(vocabularySize, config.Embedding);
        lstm = nn.LSTM(config.Embedding, config.Hidden, numLayers: config.Layers, batchFirst: true,
            dropout: config.Layers > 1 ? config.Dropout : 0);
        dropout = nn.Dropout(config.Dropout);
        output = new OutputProjection(config.Head, () => tokenEmbedding.weight!, config.Hidden, vocabularySize, cosineScale: null);
        RegisterComponents();
        using var noGrad = no_grad();
        nn.init.normal_(tokenEmbedding.weight!, 0, 0.02);
    }

    public override Tensor TokenVectors => tokenEmbedding.weight!;

    public override Tensor? OutputVectors => output.OwnVectors;

    /// <summary>Decoding carries the hidden state forward: each step feeds only the new tokens.</summary>
    public override DecodingState StartDecoding() => new RecurrentDecodingState(Step);

    (Tensor Logits, Tensor[] Hidden) Step(Tensor tokens, Tensor[]? hidden)
    {
        var (states, h, c) = lstm.call(tokenEmbedding.call(tokens), hidden is null ? null : (hidden[0], hidden[1]));
        return (output.call(states[.., -1]), [h, c]); // (B, V)
    }

    /// <summary>tokens (B, T) → logits (B, T, V).</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (hidden, _, _) = lstm.call(tokenEmbedding.call(tokens)); // (B, T, H)
        return output.call(dropout.call(hidden)).MoveToOuterDisposeScope(); // (B, T, V)
    }
}

/// <param name="Embedding">Token vector size.</param>
/// <param name="Hidden">LSTM hidden size.</param>
/// <param name="Layers">Stacked LSTM layers.</param>
/// <param name="Context">Training sequence length.</param>
/// <param name="Head">Output head (tied needs <paramref name="Embedding"/> == <paramref name="Hidden"/>).</param>
/// <param name="Dropout">Dropout probability used in training.</param>
public sealed record LstmConfig(int Embedding, int Hidden, int Layers, int Context, OutputHead Head, double Dropout)
    : ModelConfig(Context, Head, Dropout)
{
    /// <summary>m of an LSTM layer: its four gates.</summary>
    public const double Gates = 4;

    public override LanguageModel Build(int vocabularySize) => new LstmModel(this, vocabularySize);

    public override (int Layers, int Width, double PossibilitiesPerUnit) ExpressiveShape() => (Layers, Hidden, Gates);

    /// <summary>Four gates over the input and the hidden state: the first layer reads the embedding, the others the layer below.</summary>
    public override double NonEmbeddingParameters() => 4.0 * Hidden * ((Embedding + Hidden) + (Layers - 1) * 2.0 * Hidden);

    public override string Describe() => $"{Layers}-layer LSTM (embedding {Embedding}, hidden {Hidden}, context {Context})";
}
