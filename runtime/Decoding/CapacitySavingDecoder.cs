using System.Globalization;
using DslRunner.Config;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Seed 001 §5's decoder. At each step every candidate c of the top-p nucleus is scored
/// <c>weight · strength(c) / possibilities(c)</c>, where possibilities(c) is the size of the next step's top-p
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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Weight, nameof(config.Weight));
        _config = config;
    }

    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"capacity-saving p={_config.P} strength={_config.Strength}{(_config.Sample ? " sampled" : "")}");

    public int[] Decode(LanguageModel model, IReadOnlyList<int> prompt)
    {
        var sampler = new TokenSampler(_config.Seed);
        return SingleSequenceDecoding.Run(model, prompt, _config.MaxTokens, (state, logits, _) =>
        {
            var scored = Score(state, logits);
            if (scored.Count == 1) return scored[0].Token;
            return _config.Sample
                ? scored[sampler.Draw(scored.Select(c => c.Score).ToArray())].Token
                : scored.MaxBy(c => c.Score).Token; // MaxBy keeps the first of equals: the more probable
        });
    }

    /// <summary>One scored candidate: its strength, the next step's nucleus size after it, and the score.</summary>
    public readonly record struct Candidate(int Token, double Strength, long Possibilities, double Score);

    /// <summary>The nucleus of <paramref name="logits"/> (V), most probable first, each candidate scored.</summary>
    public IReadOnlyList<Candidate> Score(DecodingState state, Tensor logits)
    {
        using var scope = NewDisposeScope();
        var probabilities = logits.softmax(-1);
        var nucleus = TokenDistribution.NucleusMask(probabilities, _config.P);
        var (sorted, order) = (probabilities * nucleus).sort(descending: true);
        long size = nucleus.sum().item<long>();
        long[] tokens = order[..(int)size].data<long>().ToArray();
        double[] probability = sorted[..(int)size].to_type(float64).data<double>().ToArray();
        if (size == 1) return [new Candidate((int)tokens[0], probability[0], 1, _config.Weight * probability[0])];

        var next = state.LookAhead(tokens).softmax(-1); // (k, V)
        long[] possibilities = TokenDistribution.NucleusSizes(next, _config.P).data<long>().ToArray();
        double[] best = next.max(-1).values.to_type(float64).data<double>().ToArray();
        return [.. tokens.Select((token, i) =>
        {
            double strength = _config.Strength == CandidateStrength.TwoStepProbability ? probability[i] * best[i] : probability[i];
            return new Candidate((int)token, strength, possibilities[i], _config.Weight * strength / possibilities[i]);
        })];
    }
}
