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

    public string Name => string.Create(CultureInfo.InvariantCulture,
        $"sample t={_config.Temperature} k={_config.TopK} p={_config.TopP} rep={_config.RepetitionPenalty}");

    public int[] Decode(LanguageModel model, IReadOnlyList<int> prompt)
    {
        var sampler = new TokenSampler(_config.Seed);
        return SingleSequenceDecoding.Run(model, prompt, _config.MaxTokens, (_, logits, sequence) =>
        {
            var penalized = TokenDistribution.PenalizeRepetition(logits, sequence, _config.RepetitionPenalty);
            var probabilities = TokenDistribution.KeepTopK(penalized / _config.Temperature, _config.TopK).softmax(-1);
            var weights = _config.TopP < 1 ? probabilities * TokenDistribution.NucleusMask(probabilities, _config.TopP) : probabilities;
            return sampler.Draw(weights);
        });
    }
}
