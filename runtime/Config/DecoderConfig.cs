using System.Text.Json.Serialization;

namespace DslRunner.Config;

/// <param name="MaxTokens">Tokens generated per prompt.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(GreedyConfig), "greedy")]
[JsonDerivedType(typeof(BeamConfig), "beam")]
[JsonDerivedType(typeof(SampleConfig), "sample")]
[JsonDerivedType(typeof(TopPConfig), "top_p")]
[JsonDerivedType(typeof(CapacitySavingConfig), "capacity_saving")]
public abstract record DecoderConfig(int MaxTokens);

public sealed record GreedyConfig(int MaxTokens) : DecoderConfig(MaxTokens);

public sealed record BeamConfig(int MaxTokens, int Width, double LengthPenalty) : DecoderConfig(MaxTokens);

/// <summary>Sampling with temperature, optional top-k (0 = off) and repetition penalty (1 = off).</summary>
public sealed record SampleConfig(int MaxTokens, double Temperature, int TopK, double RepetitionPenalty)
    : DecoderConfig(MaxTokens);

/// <summary>Nucleus sampling.</summary>
public sealed record TopPConfig(int MaxTokens, double P, double Temperature) : DecoderConfig(MaxTokens);

/// <summary>Seed 001 §5: score nucleus candidates by weight·strength / possibilities of the next step.</summary>
public sealed record CapacitySavingConfig(int MaxTokens, double P, double Weight) : DecoderConfig(MaxTokens);
