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

public abstract record ModelConfig(int Context, OutputHead Head, double Dropout)
{
    /// <summary>A freshly initialised model of this kind for a vocabulary of the given size.</summary>
    public abstract LanguageModel Build(int vocabularySize);

    /// <summary>
    /// Seed 001's reading of the architecture: n layers of width h, and m, the possibilities each unit of width offers
    /// (see <see cref="Geometry.ExpressiveCapacity"/>).
    /// </summary>
    public abstract (int Layers, int Width, double PossibilitiesPerUnit) ExpressiveShape();

    /// <summary>
    /// The weights whose cost grows with every token trained on (attention and MLP blocks, LSTM gates; not the token
    /// vectors or the head): a point's training FLOPs are 6 × this × tokens.
    /// </summary>
    public abstract double NonEmbeddingParameters();

    /// <summary>The model in a few words, for a report's scale statement: "2-layer transformer (d_model 64, …)".</summary>
    public abstract string Describe();
}
