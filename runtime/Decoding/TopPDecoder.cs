using DslRunner.Native;
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

    public string Key => _config.Key;

    public string Name => _config.DynamicStep == 0
        ? string.Create(CultureInfo.InvariantCulture, $"top-p p={_config.P} t={_config.Temperature}")
        : string.Create(CultureInfo.InvariantCulture,
            $"dynamic top-p p={_config.P} t={_config.Temperature} step={_config.DynamicStep} n={_config.RepetitionNgram}");

    public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null)
    {
        var samplers = Seeds.Samplers(_config.Seed, prompts.Count, seeds);
        var topP = prompts.Select(_ => new DynamicTopP(_config.P, _config.DynamicStep, _config.RepetitionNgram)).ToArray();
        var sequences = prompts.Select(p => new List<int>(p)).ToArray();
        var drawn = new int[prompts.Count];
        return BatchDecoding.Run(model, prompts, _config.MaxTokens, (_, logits, step) =>
        {
            if (step > 0)
                for (int row = 0; row < topP.Length; row++) topP[row].Observe(sequences[row]);
            var probabilities = (logits.DividedBy(_config.Temperature)).softmax(-1);
            var nucleus = TokenDistribution.NucleusMask(probabilities, [.. topP.Select(p => p.Current)]);
            var tokens = TokenSampler.DrawRows(probabilities * nucleus, samplers, drawn);
            for (int row = 0; row < sequences.Length; row++) sequences[row].Add(drawn[row]);
            return tokens;
        });
    }
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
    : DecoderConfig(Name)
{
    public override IDecoder Build() => new TopPDecoder(this);
}
