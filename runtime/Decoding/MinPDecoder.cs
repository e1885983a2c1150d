using DslRunner.Native;
using System.Globalization;
using DslRunner.Config;
using DslRunner.Models;

namespace DslRunner.Decoding;

/// <summary>
/// Min-p sampling: after temperature, only tokens at least <c>min_p</c> times as probable as the most probable one
/// may be drawn. Unlike a fixed top-p mass, the cut follows the model's confidence: a peaked distribution keeps
/// few candidates, a flat one many. Seeded.
/// </summary>
public sealed class MinPDecoder : IDecoder
{
    readonly MinPConfig _config;

    public MinPDecoder(MinPConfig config)
    {
        if (config.MinP is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(config), config.MinP, "min_p must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Temperature, nameof(config.Temperature));
        _config = config;
    }

    public string Key => _config.Key;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"min-p p={_config.MinP} t={_config.Temperature}");

    public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null)
    {
        var samplers = Seeds.Samplers(_config.Seed, prompts.Count, seeds);
        var drawn = new int[prompts.Count];
        return BatchDecoding.Run(model, prompts, _config.MaxTokens, (_, logits, _) =>
        {
            var probabilities = logits.DividedBy(_config.Temperature).softmax(-1); // (B, V)
            var kept = probabilities >= probabilities.amax([-1], keepdim: true).Times(_config.MinP);
            return TokenSampler.DrawRows(probabilities * kept, samplers, drawn);
        });
    }
}

/// <summary>Min-p sampling.</summary>
/// <param name="MinP">A token may be drawn when its probability is at least this fraction of the top token's; in (0, 1] (1 = greedy).</param>
/// <param name="Temperature">Logits are divided by it; > 0.</param>
/// <param name="Seed">Seeds the sampler.</param>
public sealed record MinPConfig(int MaxTokens, double MinP, double Temperature, int Seed = 0, string? Name = null)
    : DecoderConfig(Name)
{
    public override IDecoder Build() => new MinPDecoder(this);
}
