using System.Globalization;
using DslRunner.Config;
using DslRunner.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Seed 001 §5's decoder. At each step every candidate c of the top-p nucleus is scored
/// <c>strength(c)^w / possibilities(c)</c>, where possibilities(c) is the size of the next step's top-p
/// nucleus once c is appended (one batched look-ahead over all candidates) and strength(c) is the declared
/// <see cref="CandidateStrength"/>. The best score is taken (ties go to the more probable candidate), or
/// candidates are sampled in proportion to their scores. A nucleus of one token needs no look-ahead. The
/// chosen token is then appended like any other (one more single-token step); on a <see cref="GptModel"/> the
/// look-ahead shares the cached prefix among the candidates instead of copying it for each.
/// </summary>
public sealed class CapacitySavingDecoder : IDecoder
{
    readonly CapacitySavingConfig _config;

    public CapacitySavingDecoder(CapacitySavingConfig config)
    {
        if (config.P is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(config), config.P, "top-p must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfNegative(config.Weight, nameof(config.Weight));
        _config = config;
    }

    public string Key => _config.Key;

    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"capacity-saving p={_config.P} w={_config.Weight} strength={_config.Strength}{(_config.Pick == CandidatePick.Sample ? " sampled" : "")}");

    public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null)
    {
        var samplers = Seeds.Samplers(_config.Seed, prompts.Count, seeds);
        return BatchDecoding.Run(model, prompts, _config.MaxTokens, (state, logits, _) =>
        {
            var scored = ScoreRows(state, logits);
            long[] tokens = [.. scored.Select((candidates, row) => (long)Choose(candidates, samplers[row]))];
            return torch.tensor(tokens, device: logits.device);
        });
    }

    int Choose(IReadOnlyList<Candidate> scored, TokenSampler sampler)
    {
        if (scored.Count == 1) return scored[0].Token;
        return _config.Pick == CandidatePick.Sample
            ? scored[sampler.Draw(scored.Select(c => c.Score).ToArray())].Token
            : scored.MaxBy(c => c.Score).Token; // MaxBy keeps the first of equals: the more probable
    }

    /// <summary>One scored candidate: its strength, the next step's nucleus size after it, and the score.</summary>
    public readonly record struct Candidate(int Token, double Strength, long Possibilities, double Score);

    /// <summary>The nucleus of one sequence's <paramref name="logits"/> (V), most probable first, each candidate scored.</summary>
    public IReadOnlyList<Candidate> Score(DecodingState state, Tensor logits)
    {
        using var scope = NewDisposeScope();
        return ScoreRows(state, logits.unsqueeze(0))[0];
    }

    /// <summary>
    /// For each sequence b, the nucleus of its logits (B, V), most probable first, each candidate scored; one
    /// look-ahead for all sequences whose nucleus holds more than one token.
    /// </summary>
    public IReadOnlyList<Candidate>[] ScoreRows(DecodingState state, Tensor logits)
    {
        using var scope = NewDisposeScope();
        int rows = (int)logits.shape[0];
        var probabilities = logits.softmax(-1);
        var nucleus = TokenDistribution.NucleusMask(probabilities, _config.P);
        long[] sizes = nucleus.sum(-1).cpu().data<long>().ToArray();
        int most = (int)sizes.Max();
        var (sorted, order) = (probabilities * nucleus).sort(dim: -1, descending: true);
        long[] tokens = order[.., ..most].cpu().data<long>().ToArray();
        double[] probability = sorted[.., ..most].to_type(float64).cpu().data<double>().ToArray();
        long[] Tokens(int row) => tokens[(row * most)..(row * most + (int)sizes[row])];
        double P(int row, int i) => probability[row * most + i];

        var scored = new IReadOnlyList<Candidate>[rows];
        for (int row = 0; row < rows; row++)
            if (sizes[row] == 1) scored[row] = [new Candidate((int)tokens[row * most], P(row, 0), 1, Score(P(row, 0), 1))];
        if (most == 1) return scored;

        var next = state.LookAhead([.. Enumerable.Range(0, rows).Select(row => sizes[row] == 1 ? [] : Tokens(row))]).softmax(-1); // (B, k, V)
        int width = (int)next.shape[1];
        long[] possibilities = TokenDistribution.NucleusSizes(next, _config.P).cpu().data<long>().ToArray();
        double[] best = next.max(-1).values.to_type(float64).cpu().data<double>().ToArray();
        for (int row = 0; row < rows; row++)
        {
            if (sizes[row] == 1) continue;
            scored[row] = [.. Tokens(row).Select((token, i) =>
            {
                double strength = _config.Strength == CandidateStrength.TwoStepProbability ? P(row, i) * best[row * width + i] : P(row, i);
                long count = possibilities[row * width + i];
                return new Candidate((int)token, strength, count, Score(strength, count));
            })];
        }
        return scored;
    }

    /// <summary>strength^w / possibilities. The seed multiplies the strength by a weight, which would scale every score alike
    /// and change no choice; as an exponent, w trades strength against possibilities (w = 1 is the seed's formula).</summary>
    double Score(double strength, long possibilities) => Math.Pow(strength, _config.Weight) / possibilities;
}

/// <summary>Seed 001 §5: score nucleus candidates by strength^w / possibilities of the next step.</summary>
/// <param name="P">The top-p mass of both the candidate nucleus and each candidate's next-step nucleus.</param>
/// <param name="Weight">w in strength^w / possibilities: 0 ranks by possibilities alone, 1 is the seed's formula, a
/// large w ranks by strength (the most probable candidate).</param>
/// <param name="Strength">How a candidate's dependency strength is measured.</param>
/// <param name="Pick">Take the best score, or sample candidates in proportion to their scores.</param>
/// <param name="Seed">Seeds the sampler when candidates are sampled.</param>
public sealed record CapacitySavingConfig(
    int MaxTokens, double P, double Weight, CandidateStrength Strength = CandidateStrength.Probability,
    CandidatePick Pick = CandidatePick.Best, int Seed = 0, string? Name = null)
    : DecoderConfig(Name)
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

/// <summary>How the capacity-saving decoder picks among its scored candidates.</summary>
public enum CandidatePick
{
    /// <summary>The best score; ties go to the more probable candidate.</summary>
    Best,
    /// <summary>A candidate drawn in proportion to its score.</summary>
    Sample,
}
