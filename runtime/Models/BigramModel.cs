using DslRunner.Config;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Models;

/// <summary>
/// The smallest language model: the next token from the current token alone (a token vector, then the output
/// head). A control for context: whatever a bigram model predicts needs no dependency longer than one token, so a
/// probe or decoder that finds the same with it measures the last token, not the context.
/// </summary>
public sealed class BigramModel : LanguageModel
{
    readonly Embedding tokenEmbedding;
    readonly Dropout dropout;
    readonly OutputProjection output;

    public BigramModel(BigramConfig config, int vocabularySize)
        : base(nameof(BigramModel), vocabularySize, config.Context, config.Head)
    {
        tokenEmbedding = nn.Embedding(vocabularySize, config.Embedding);
        dropout = nn.Dropout(config.Dropout);
        output = new OutputProjection(config.Head, () => tokenEmbedding.weight!, config.Embedding, vocabularySize, cosineScale: null);
        RegisterComponents();
        using var noGrad = no_grad();
        nn.init.normal_(tokenEmbedding.weight!, 0, 0.02);
    }

    public override Tensor TokenVectors => tokenEmbedding.weight!;

    public override Tensor? OutputVectors => output.OwnVectors;

    /// <summary>tokens (B, T) → logits (B, T, V); position t sees token t only.</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        return output.call(dropout.call(tokenEmbedding.call(tokens))).MoveToOuterDisposeScope(); // (B, T, V)
    }
}

/// <param name="Embedding">Token vector size.</param>
/// <param name="Context">Training sequence length (the model itself looks one token back).</param>
/// <param name="Head">Output head.</param>
/// <param name="Dropout">Dropout probability on the token vectors in training.</param>
public sealed record BigramConfig(int Embedding, int Context, OutputHead Head, double Dropout)
    : ModelConfig(Context, Head, Dropout)
{
    public override LanguageModel Build(int vocabularySize) => new BigramModel(this, vocabularySize);

    /// <summary>One layer of width <see cref="Embedding"/> whose units each offer one possibility: the token's own vector.</summary>
    public override (int Layers, int Width, double PossibilitiesPerUnit) ExpressiveShape() => (1, Embedding, 1);

    /// <summary>None: a bigram model is its token vectors and its head, which the FLOP count leaves out for every kind.</summary>
    public override double NonEmbeddingParameters() => 0;

    public override string Describe() => $"bigram model (embedding {Embedding}, context {Context}, {Head.ToString().ToLowerInvariant()} head)";
}
