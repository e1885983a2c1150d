using DslRunner.Data;
using DslRunner.Models;
using DslRunner.Tokenizers;
using static TorchSharp.torch;

namespace DslRunner.Geometry;

/// <summary>How the associative-recall probe builds its sequences.</summary>
/// <param name="Distances">The distances L probed, in tokens: from the key's last token to the cue, the last token of the word "recall".</param>
/// <param name="PerDistance">Probe sequences per distance.</param>
/// <param name="Seed">Chooses keys, filler and prefixes; fixed, so every model sees the same probes.</param>
/// <param name="Batch">Sequences per forward pass.</param>
/// <param name="FromCharacter">Take keys, filler and prefixes only from the text at or after this offset (the unseen part).</param>
public sealed record RecallProbeOptions(IReadOnlyList<int> Distances, int PerDistance = 100, int Seed = 1, int Batch = 64, int FromCharacter = 0);

/// <summary>Recall at one distance: sequences probed and those whose every key token was the model's top prediction.</summary>
public sealed record RecallAtDistance(int Distance, int Probes, int Recalled)
{
    public double Rate => Probes == 0 ? double.NaN : (double)Recalled / Probes;
}

/// <summary>
/// The associative-recall probe (seed 001's dependency length, measured): every sequence plants a key — one of the
/// synthetic language's names, in its "keep X." clause — exactly L tokens before the cue that asks for it
/// ("… recall"), with filler words of the same language between them. The model reads the sequence teacher-forced
/// and must predict every token of the key after the cue; the sequence counts as recalled when each is its top
/// prediction.
/// </summary>
/// <remarks>
/// Each sequence is encoded once, as a whole, and the key and the recalled word are located by mapping character
/// offsets to tokens, so a subword tokenizer splits every word exactly as it would in training text (a leading space
/// stays on its word). L counts tokens from the key's last token to the cue, the last token of the word "recall", so
/// it measures the text between the two clauses whatever the tokenizer does with the space before a name (a small
/// vocabulary leaves it a token of its own, which would otherwise add one to every distance and make L = 4
/// unreachable). For each distance the filler grows a word at a time
/// until the encoded distance reaches L; a candidate that overshoots is dropped and another filler start tried, so
/// every probe sits at exactly L. Sequences longer than the model's context keep their last tokens, and a probe is
/// kept only while its "keep X" clause is inside that window.
/// </remarks>
public static class RecallProbe
{
    const string Keep = "keep ", Cue = "recall ";

    /// <summary>Attempts per wanted probe before a distance is given up as unreachable with this tokenizer.</summary>
    const int AttemptsPerProbe = 20;

    public static IReadOnlyList<RecallAtDistance> Measure(LanguageModel model, ITokenizer tokenizer, SyntheticText text, RecallProbeOptions options)
    {
        var probes = Build(tokenizer, text, options, model.Context);
        var recalled = Evaluate(model, probes, Math.Max(1, options.Batch));
        return [.. options.Distances.Select(d => new RecallAtDistance(d,
            probes.Count(p => p.Distance == d), probes.Select((p, i) => (p, i)).Count(x => x.p.Distance == d && recalled[x.i])))];
    }

    /// <summary>
    /// The usable distance: the longest distance of the unbroken run of probed distances, from the shortest on, whose
    /// recall reaches <paramref name="threshold"/>; 0 when the shortest does not (nothing recalled is never a length).
    /// </summary>
    public static double UsableDistance(IReadOnlyList<RecallAtDistance> curve, double threshold)
    {
        double usable = 0;
        foreach (var point in curve.OrderBy(p => p.Distance))
        {
            if (!(point.Rate >= threshold)) break;
            usable = point.Distance;
        }
        return usable;
    }

    /// <param name="Input">Tokens fed: everything before the recalled key's last token, at most a context of them.</param>
    /// <param name="Key">The recalled key's tokens, predicted from the last <c>Key.Length</c> positions of the input.</param>
    public sealed record Probe(int[] Input, int[] Key, int Distance, string Text);

    /// <summary>The probe sequences, <see cref="RecallProbeOptions.PerDistance"/> per distance where the tokenizer can reach it.</summary>
    public static IReadOnlyList<Probe> Build(ITokenizer tokenizer, SyntheticText text, RecallProbeOptions options, int context)
    {
        var keys = text.Dependencies.Where(d => d.Source >= options.FromCharacter)
            .Select(d => text.Text.Substring(d.Source, d.Length)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var words = text.Text[Math.Min(options.FromCharacter, text.Text.Length)..]
            .Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not "keep" and not "recall" && !char.IsUpper(w[0])).ToArray();
        if (keys.Length == 0 || words.Length < 8)
            throw new ArgumentException("the probe text holds no keys or too little filler past the declared offset", nameof(text));
        var random = new Random(options.Seed);
        var probes = new List<Probe>();
        foreach (int distance in options.Distances)
        {
            int found = 0;
            for (int attempt = 0; attempt < options.PerDistance * AttemptsPerProbe && found < options.PerDistance; attempt++)
            {
                string key = keys[random.Next(keys.Length)];
                string prefix = string.Join(' ', words.AsSpan(random.Next(words.Length - 4), 4).ToArray()) + ". ";
                int fillerStart = random.Next(words.Length);
                if (TryAt(tokenizer, prefix, key, words, fillerStart, distance, context) is { } probe)
                {
                    probes.Add(probe);
                    found++;
                }
            }
        }
        return probes;
    }

    /// <summary>Grows the filler a word at a time until the key sits exactly <paramref name="distance"/> tokens before the cue.</summary>
    static Probe? TryAt(ITokenizer tokenizer, string prefix, string key, string[] words, int fillerStart, int distance, int context)
    {
        for (int count = 0; ; count++)
        {
            string filler = count == 0 ? "" : string.Join(' ', Enumerable.Range(0, count).Select(i => words[(fillerStart + i) % words.Length])) + ". ";
            string sequence = prefix + Keep + key + ". " + filler + Cue + key + ".";
            int keyStart = prefix.Length + Keep.Length, recallStart = sequence.Length - 1 - key.Length;
            int[] tokens = tokenizer.Encode(sequence);
            int[] starts = TokenOffsets.Starts(tokenizer, tokens, sequence);
            int keyFirst = TokenOffsets.TokenAt(starts, keyStart - Keep.Length), keyLast = TokenOffsets.TokenAt(starts, keyStart + key.Length - 1);
            int recallFirst = TokenOffsets.TokenAt(starts, recallStart), recallLast = TokenOffsets.TokenAt(starts, recallStart + key.Length - 1);
            int cue = TokenOffsets.TokenAt(starts, recallStart - 2);
            if (cue - keyLast > distance) return null;
            if (cue - keyLast < distance) continue;
            int[] fed = tokens[..recallLast];
            if (fed.Length - keyFirst > context) return null;
            return new Probe(fed.Length > context ? fed[^context..] : fed, tokens[recallFirst..(recallLast + 1)], distance, sequence);
        }
    }

    /// <summary>For each probe, whether every key token was the model's top prediction (teacher-forced).</summary>
    internal static bool[] Evaluate(LanguageModel model, IReadOnlyList<Probe> probes, int batch)
    {
        bool wasTraining = model.training;
        model.eval();
        using var noGrad = no_grad();
        var recalled = new bool[probes.Count];
        // Probes of equal length share a forward pass; the outcome does not depend on the batch size.
        foreach (var sameLength in probes.Select((p, i) => (Probe: p, Index: i)).GroupBy(x => x.Probe.Input.Length))
        {
            foreach (var chunk in sameLength.Chunk(batch))
            {
                using var scope = NewDisposeScope();
                int length = sameLength.Key;
                var inputs = tensor(chunk.SelectMany(x => x.Probe.Input.Select(t => (long)t)).ToArray(), [chunk.Length, length]);
                long[] predicted = model.call(inputs).argmax(-1).data<long>().ToArray();
                for (int b = 0; b < chunk.Length; b++)
                {
                    var (probe, index) = chunk[b];
                    int first = length - probe.Key.Length;
                    bool all = true;
                    for (int k = 0; k < probe.Key.Length && all; k++) all = predicted[b * length + first + k] == probe.Key[k];
                    recalled[index] = all;
                }
            }
        }
        model.train(wasTraining);
        return recalled;
    }
}
