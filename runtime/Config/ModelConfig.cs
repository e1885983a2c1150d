using System.Text.Json.Serialization;
using DslRunner.Models;

namespace DslRunner.Config;

/// <summary>How the output distribution is computed from the context vector (seed 000).</summary>
public enum OutputHead
{
    /// <summary>A separate linear projection to the vocabulary.</summary>
    Dot,
    /// <summary>Dot product with the token embeddings (weight tying).</summary>
    Tied,
    /// <summary>Scaled cosine similarity between the context vector and each token embedding.</summary>
    Cosine,
}

/// <summary>How a transformer knows where each token stands.</summary>
public enum PositionEncoding
{
    /// <summary>A learned vector per position, added to the token vectors; the model sees at most its context.</summary>
    Learned,
    /// <summary>
    /// Rotary positions: queries and keys turned by an angle proportional to their position, so attention depends
    /// on distances only. Past the context each layer attends to the last context positions (sliding window).
    /// </summary>
    Rope,
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(TransformerConfig), "transformer")]
[JsonDerivedType(typeof(LstmConfig), "lstm")]
public abstract record ModelConfig(int Context, OutputHead Head, double Dropout)
{
    /// <summary>A freshly initialised model of this kind for a vocabulary of the given size.</summary>
    public abstract LanguageModel Build(int vocabularySize);

    /// <summary>
    /// Seed 001's reading of the architecture: n layers of width h, and m, the possibilities each unit of width offers
    /// (see <see cref="Geometry.ExpressiveCapacity"/>).
    /// </summary>
    public abstract (int Layers, int Width, double PossibilitiesPerUnit) ExpressiveShape();
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
}
