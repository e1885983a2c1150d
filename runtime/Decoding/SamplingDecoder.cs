using DslRunner.Native;
using System.Globalization;
using DslRunner.Config;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Samples each token after, in this order: the repetition penalty, the temperature, top-k, top-p.
/// Seeded: the same seed, model and prompt give the same tokens.
/// </summary>
public sealed class SamplingDecoder : IDecoder
{
    readonly SampleConfig _config;

    public SamplingDecoder(SampleConfig config)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Temperature, nameof(config.Temperature));
        ArgumentOutOfRangeException.ThrowIfNegative(config.TopK, nameof(config.TopK));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.RepetitionPenalty, nameof(config.RepetitionPenalty));
        if (config.TopP is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(config), config.TopP, "top-p must be in (0, 1]");
        _config = config;
    }

    public string Key => _config.Key;

    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"sample t={_config.Temperature} k={_config.TopK} p={_config.TopP} rep={_config.RepetitionPenalty}");

    public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null)
    {
        var samplers = Seeds.Samplers(_config.Seed, prompts.Count, seeds);
        var sequences = prompts.Select(p => new List<int>(p)).ToArray();
        var drawn = new int[prompts.Count];
        return BatchDecoding.Run(model, prompts, _config.MaxTokens, (_, logits, _) =>
        {
            var penalized = TokenDistribution.PenalizeRepetition(logits, sequences, _config.RepetitionPenalty);
            var probabilities = TokenDistribution.KeepTopK(penalized.DividedBy(_config.Temperature), _config.TopK).softmax(-1);
            var weights = _config.TopP < 1 ? probabilities * TokenDistribution.NucleusMask(probabilities, _config.TopP) : probabilities;
            var tokens = TokenSampler.DrawRows(weights, samplers, drawn);
            for (int row = 0; row < sequences.Length; row++) sequences[row].Add(drawn[row]);
            return tokens;
        });
    }
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
    : DecoderConfig(Name)
{
    public override IDecoder Build() => new SamplingDecoder(this);
}
