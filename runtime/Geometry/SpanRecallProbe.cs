using DslRunner.Data;
using DslRunner.Models;
using DslRunner.Tokenizers;

namespace DslRunner.Geometry;

/// <summary>How the span-recall probe builds its sequences.</summary>
/// <param name="Names">The key lengths probed, in names (each name one to a few tokens).</param>
/// <param name="PerLength">Probe sequences per key length.</param>
/// <param name="Seed">Chooses keys and prefixes.</param>
/// <param name="Batch">Sequences per forward pass.</param>
/// <param name="FromCharacter">Take prefixes only from the text at or after this offset (the unseen part).</param>
public sealed record SpanRecallOptions(IReadOnlyList<int> Names, int PerLength = 100, int Seed = 1, int Batch = 64, int FromCharacter = 0);

/// <summary>Recall of keys of one length: sequences probed, those whose every recalled token was the top prediction, and
/// the recalled span's mean length in the model's own tokens.</summary>
public sealed record SpanRecallAt(int Names, int Probes, int Recalled, double MeanTokens)
{
    public double Rate => Probes == 0 ? double.NaN : (double)Recalled / Probes;
}

/// <summary>The usable span in tokens; <see cref="Bound"/> when recall never fell below the threshold, so the probe's longest span is only a lower bound.</summary>
public readonly record struct UsableSpan(double Tokens, bool Bound);

/// <summary>
/// The span-recall probe (seed 001's dependency length, measured as the formula counts it): a key of k names, drawn
/// independently from the synthetic language's names, is kept and at once recalled — "keep X₁ … X_k. recall X₁ … X_k." —
/// and the model, reading teacher-forced, must predict every token of the recalled span. Recalling L tokens that were
/// drawn independently means telling apart the contexts that differ in any of them; the difficulty grows with L, unlike
/// recall of one name at a distance, which needs about ln V nats whatever the distance.
/// </summary>
/// <remarks>
/// Spans are scored in the model's own tokens: each sequence is encoded as a whole and the recalled span located by
/// character offsets, as in <see cref="RecallProbe"/>; its length L is the tokens it spans. A key length whose sequences
/// do not fit the model's context (the kept span must be inside it) is probed with fewer or no sequences.
/// </remarks>
public static class SpanRecallProbe
{
    const string Keep = "keep ", Cue = ". recall ";

    const int AttemptsPerProbe = 20;

    public static IReadOnlyList<SpanRecallAt> Measure(LanguageModel model, ITokenizer tokenizer, SyntheticText text, SyntheticLexicon lexicon, SpanRecallOptions options)
    {
        var probes = Build(tokenizer, text, lexicon, options, model.Context);
        var recalled = RecallProbe.Evaluate(model, probes, Math.Max(1, options.Batch));
        return [.. options.Names.Select(k =>
        {
            var at = probes.Select((p, i) => (p, i)).Where(x => x.p.Distance == k).ToList();
            return new SpanRecallAt(k, at.Count, at.Count(x => recalled[x.i]), at.Count == 0 ? double.NaN : at.Average(x => (double)x.p.Key.Length));
        })];
    }

    /// <summary>
    /// The span length, in tokens, at which recall falls through <paramref name="threshold"/>: linear between the probed
    /// lengths (mean tokens) around the first that falls below it. 0 when the shortest key (one name) is already below it:
    /// the probe cannot measure a span shorter than one name, so such a span is entered as none. When no length falls
    /// below it, the longest probed span, marked as a bound.
    /// </summary>
    public static UsableSpan Usable(IReadOnlyList<SpanRecallAt> curve, double threshold)
    {
        (double Tokens, double Rate)? previous = null;
        foreach (var point in curve.Where(p => p.Probes > 0).OrderBy(p => p.Names))
        {
            if (point.Rate >= threshold)
            {
                previous = (point.MeanTokens, point.Rate);
                continue;
            }
            if (previous is not { } above) return new UsableSpan(0, Bound: false);
            double share = (above.Rate - threshold) / (above.Rate - point.Rate);
            return new UsableSpan(above.Tokens + share * (point.MeanTokens - above.Tokens), Bound: false);
        }
        return new UsableSpan(previous?.Tokens ?? 0, Bound: previous is not null);
    }

    /// <summary>The probe sequences (<see cref="RecallProbe.Probe"/>, its distance the key's names), <see cref="SpanRecallOptions.PerLength"/> per key length where the context allows.</summary>
    public static IReadOnlyList<RecallProbe.Probe> Build(ITokenizer tokenizer, SyntheticText text, SyntheticLexicon lexicon, SpanRecallOptions options, int context)
    {
        var words = text.Text[Math.Min(options.FromCharacter, text.Text.Length)..]
            .Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not "keep" and not "recall" && !char.IsUpper(w[0])).ToArray();
        if (words.Length < 8) throw new ArgumentException("the probe text holds too little filler past the declared offset", nameof(text));
        var random = new Random(options.Seed);
        var probes = new List<RecallProbe.Probe>();
        foreach (int names in options.Names)
        {
            int found = 0;
            for (int attempt = 0; attempt < options.PerLength * AttemptsPerProbe && found < options.PerLength; attempt++)
            {
                string prefix = string.Join(' ', words.AsSpan(random.Next(words.Length - 2), 2).ToArray()) + ". ";
                string key = SyntheticCorpus.KeySpan(random, lexicon, names);
                if (TryBuild(tokenizer, prefix, key, names, context) is { } probe)
                {
                    probes.Add(probe);
                    found++;
                }
            }
        }
        return probes;
    }

    static RecallProbe.Probe? TryBuild(ITokenizer tokenizer, string prefix, string key, int names, int context)
    {
        string sequence = prefix + Keep + key + Cue + key + ".";
        int keptStart = prefix.Length + Keep.Length, recallStart = sequence.Length - 1 - key.Length;
        int[] tokens = tokenizer.Encode(sequence);
        int[] starts = TokenOffsets.Starts(tokenizer, tokens, sequence);
        int keptFirst = TokenOffsets.TokenAt(starts, keptStart);
        int recallFirst = TokenOffsets.TokenAt(starts, recallStart), recallLast = TokenOffsets.TokenAt(starts, recallStart + key.Length - 1);
        int[] fed = tokens[..recallLast];
        if (fed.Length - keptFirst > context) return null;
        return new RecallProbe.Probe(fed.Length > context ? fed[^context..] : fed, tokens[recallFirst..(recallLast + 1)], names, sequence);
    }
}
