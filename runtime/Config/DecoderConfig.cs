using System.Text.Json.Serialization;
using DslRunner.Decoding;

namespace DslRunner.Config;

/// <param name="MaxTokens">Tokens generated per prompt.</param>
/// <param name="Name">Names this decoder's metrics instead of its tag (needed when two decoders of one kind are declared).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(GreedyConfig), "greedy")]
[JsonDerivedType(typeof(BeamConfig), "beam")]
[JsonDerivedType(typeof(SampleConfig), "sample")]
[JsonDerivedType(typeof(TopPConfig), "top_p")]
[JsonDerivedType(typeof(CapacitySavingConfig), "capacity_saving")]
public abstract record DecoderConfig(int MaxTokens, string? Name)
{
    /// <summary>The stable identifier of this decoder's metrics (<c>decode/&lt;key&gt;/distinct_2</c>): its declared name, else its DSL tag.</summary>
    [JsonIgnore]
    public string Key => Name ?? ComponentTags.Of(GetType());

    /// <summary>The decoder this record declares.</summary>
    public abstract IDecoder Build();
}

public sealed record GreedyConfig(int MaxTokens, string? Name = null) : DecoderConfig(MaxTokens, Name)
{
    public override IDecoder Build() => new GreedyDecoder(this);
}

/// <summary>Beam search.</summary>
/// <param name="Width">Hypotheses kept at each step.</param>
/// <param name="LengthPenalty">α: finished hypotheses are ranked by total log-probability / length^α (0 = plain
/// total, 1 = mean per token). It can only matter when hypotheses end early, i.e. with an end token.</param>
/// <param name="EndToken">A token that ends a hypothesis (kept in its output); null = every hypothesis runs
/// to MaxTokens.</param>
public sealed record BeamConfig(int MaxTokens, int Width, double LengthPenalty, int? EndToken = null, string? Name = null)
    : DecoderConfig(MaxTokens, Name)
{
    public override IDecoder Build() => new BeamDecoder(this);
}

/// <summary>Sampling with temperature, optional top-k (0 = off), top-p (1 = off) and repetition penalty (1 = off).</summary>
/// <param name="Temperature">Logits are divided by it; > 0.</param>
/// <param name="RepetitionPenalty">Logits of tokens already in the sequence (prompt included) are divided by it
/// when positive and multiplied by it when negative (CTRL); ≥ 1 discourages repeats.</param>
/// <param name="TopP">Sampling is restricted to the smallest set of most probable tokens whose probability
/// reaches P (after temperature and top-k).</param>
/// <param name="Seed">Seeds the sampler: a decode with the same seed, model and prompt gives the same tokens.</param>
public sealed record SampleConfig(
    int MaxTokens, double Temperature, int TopK, double RepetitionPenalty, double TopP = 1, int Seed = 0, string? Name = null)
    : DecoderConfig(MaxTokens, Name)
{
    public override IDecoder Build() => new SamplingDecoder(this);
}

/// <summary>Nucleus sampling, optionally with a p that rises while the text repeats itself (seed 001 §4.2).</summary>
/// <param name="P">The nucleus's probability mass, in (0, 1].</param>
/// <param name="Temperature">Logits are divided by it; > 0.</param>
/// <param name="Seed">Seeds the sampler.</param>
/// <param name="DynamicStep">0 = fixed p. Otherwise, after each token, p rises by this step (up to 1) when the
/// last <paramref name="RepetitionNgram"/> tokens already occurred earlier in the sequence, and falls back by
/// it (down to P) when they did not.</param>
/// <param name="RepetitionNgram">Length of the n-gram whose recurrence counts as repetition.</param>
public sealed record TopPConfig(
    int MaxTokens, double P, double Temperature, int Seed = 0, double DynamicStep = 0, int RepetitionNgram = 4, string? Name = null)
    : DecoderConfig(MaxTokens, Name)
{
    public override IDecoder Build() => new TopPDecoder(this);
}

/// <summary>Seed 001 §5: score nucleus candidates by weight·strength / possibilities of the next step.</summary>
/// <param name="P">The top-p mass of both the candidate nucleus and each candidate's next-step nucleus.</param>
/// <param name="Weight">w in w·strength/possibilities. It scales every score alike, so it changes no choice
/// (greedy or sampled in proportion to the scores); kept because the seed declares it.</param>
/// <param name="Strength">How a candidate's dependency strength is measured.</param>
/// <param name="Sample">false: take the best score; true: sample candidates in proportion to their scores.</param>
/// <param name="Seed">Seeds the sampler when <paramref name="Sample"/> is true.</param>
public sealed record CapacitySavingConfig(
    int MaxTokens, double P, double Weight, CandidateStrength Strength = CandidateStrength.Probability,
    bool Sample = false, int Seed = 0, string? Name = null)
    : DecoderConfig(MaxTokens, Name)
{
    public override IDecoder Build() => new CapacitySavingDecoder(this);
}

/// <summary>A candidate token's dependency strength in the capacity-saving decoder.</summary>
public enum CandidateStrength
{
    /// <summary>p(c | context).</summary>
    Probability,
    /// <summary>p(c | context) · max_x p(x | context, c): the best two-token continuation starting with c.</summary>
    TwoStepProbability,
}
