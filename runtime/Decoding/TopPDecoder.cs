using System.Globalization;
using DslRunner.Config;
using DslRunner.Models;

namespace DslRunner.Decoding;

/// <summary>Nucleus sampling with a temperature; p fixed or dynamic (<see cref="DynamicTopP"/>). Seeded.</summary>
public sealed class TopPDecoder : IDecoder
{
    readonly TopPConfig _config;

    public TopPDecoder(TopPConfig config)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Temperature, nameof(config.Temperature));
        _ = new DynamicTopP(config.P, config.DynamicStep, config.RepetitionNgram); // validates p, step and n
        _config = config;
    }

    public string Name => _config.DynamicStep == 0
        ? string.Create(CultureInfo.InvariantCulture, $"top-p p={_config.P} t={_config.Temperature}")
        : string.Create(CultureInfo.InvariantCulture,
            $"dynamic top-p p={_config.P} t={_config.Temperature} step={_config.DynamicStep} n={_config.RepetitionNgram}");

    public int[] Decode(LanguageModel model, IReadOnlyList<int> prompt)
    {
        var sampler = new TokenSampler(_config.Seed);
        var topP = new DynamicTopP(_config.P, _config.DynamicStep, _config.RepetitionNgram);
        return SingleSequenceDecoding.Run(model, prompt, _config.MaxTokens, (_, logits, sequence) =>
        {
            if (sequence.Count > prompt.Count) topP.Observe(sequence);
            var probabilities = (logits / _config.Temperature).softmax(-1);
            return sampler.Draw(probabilities * TokenDistribution.NucleusMask(probabilities, topP.Current));
        });
    }
}
