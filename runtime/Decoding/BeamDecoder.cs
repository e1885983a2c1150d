using DslRunner.Native;
using System.Globalization;
using DslRunner.Config;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Decoding;

/// <summary>
/// Beam search: keeps the <c>Width</c> most probable continuations, advancing them together in one batched
/// decoding state. A hypothesis ends at the end token (when declared) or at MaxTokens; the winner is the one
/// with the highest total log-probability / length^α.
/// </summary>
public sealed class BeamDecoder : IDecoder
{
    readonly BeamConfig _config;

    public BeamDecoder(BeamConfig config)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Width, nameof(config.Width));
        ArgumentOutOfRangeException.ThrowIfNegative(config.LengthPenalty, nameof(config.LengthPenalty));
        _config = config;
    }

    public string Key => _config.Key;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"beam w={_config.Width} α={_config.LengthPenalty}");

    /// <summary>A continuation with, for each of its tokens, the model's log-probability and nucleus size there.</summary>
    sealed record Hypothesis(int[] Tokens, double LogProbability, float[] TokenLogProbabilities, long[] NucleusSizes);

    /// <summary>Each prompt in turn, its beams advancing together as one batch.</summary>
    public IReadOnlyList<Decoded> DecodeBatch(LanguageModel model, IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<int>? seeds = null) =>
        [.. prompts.Select(prompt => Decode(model, prompt))];

    Decoded Decode(LanguageModel model, IReadOnlyList<int> prompt)
    {
        using var inference = new InferenceMode(model, [prompt]);
        if (_config.MaxTokens == 0) return new Decoded([], [], []);
        var state = model.StartDecoding();
        var finished = new List<Hypothesis>();
        try
        {
            List<Hypothesis> live;
            long[] parents;
            using (var scope = NewDisposeScope())
                (live, parents) = Extend([new([], 0, [], [])], state.Start([InferenceMode.PromptTokens(prompt)]), finished);
            for (int step = 1; step < _config.MaxTokens && live.Count > 0; step++)
            {
                using var scope = NewDisposeScope();
                var next = state.Select(parents);
                state.Dispose();
                state = next;
                long[] tokens = [.. live.Select(h => (long)h.Tokens[^1])];
                (live, parents) = Extend(live, state.Append(tensor(tokens, [tokens.Length, 1])), finished);
            }
            var best = finished.Concat(live).MaxBy(Normalized)!;
            return new Decoded(best.Tokens, best.TokenLogProbabilities, best.NucleusSizes);
        }
        finally
        {
            state.Dispose();
        }
    }

    /// <summary>
    /// The best continuations of <paramref name="beams"/> given their next-token logits (B, V): among the
    /// 2·width best, those ending with the end token are finished, the first <c>width</c> others stay live
    /// (with the beam each continues).
    /// </summary>
    (List<Hypothesis> Live, long[] Parents) Extend(List<Hypothesis> beams, Tensor logits, List<Hypothesis> finished)
    {
        using var scope = NewDisposeScope();
        long vocabulary = logits.shape[1];
        var logProbabilities = logits.log_softmax(-1); // (B, V)
        var totals = logProbabilities.to_type(float64).Plus(tensor(beams.Select(b => b.LogProbability).ToArray()).unsqueeze(1));
        int candidates = (int)Math.Min(2L * _config.Width, totals.numel());
        var (values, indices) = totals.flatten().topk(candidates);
        double[] scores = values.data<double>().ToArray();
        long[] flat = indices.data<long>().ToArray();
        float[] tokenLogProbabilities = logProbabilities.flatten().index_select(0, indices).data<float>().ToArray();
        long[] nucleusSizes = TokenDistribution.NucleusSizes(logProbabilities.exp(), DecodingMetrics.NucleusP).data<long>().ToArray();

        var live = new List<Hypothesis>();
        var parents = new List<long>();
        for (int i = 0; i < candidates && live.Count < _config.Width; i++)
        {
            int parent = (int)(flat[i] / vocabulary);
            int token = (int)(flat[i] % vocabulary);
            var beam = beams[parent];
            var hypothesis = new Hypothesis([.. beam.Tokens, token], scores[i],
                [.. beam.TokenLogProbabilities, tokenLogProbabilities[i]], [.. beam.NucleusSizes, nucleusSizes[parent]]);
            if (token == _config.EndToken) finished.Add(hypothesis);
            else
            {
                live.Add(hypothesis);
                parents.Add(parent);
            }
        }
        return (live, [.. parents]);
    }

    double Normalized(Hypothesis hypothesis) =>
        hypothesis.LogProbability / Math.Pow(hypothesis.Tokens.Length, _config.LengthPenalty);
}

/// <summary>Beam search.</summary>
/// <param name="Width">Hypotheses kept at each step.</param>
/// <param name="LengthPenalty">α: finished hypotheses are ranked by total log-probability / length^α (0 = plain
/// total, 1 = mean per token). It can only matter when hypotheses end early, i.e. with an end token.</param>
/// <param name="EndToken">A token that ends a hypothesis (kept in its output); null = every hypothesis runs
/// to MaxTokens.</param>
public sealed record BeamConfig(int MaxTokens, int Width, double LengthPenalty, int? EndToken = null, string? Name = null)
    : DecoderConfig(Name)
{
    public override IDecoder Build() => new BeamDecoder(this);
}
