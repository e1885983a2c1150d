using System.Runtime.CompilerServices;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// The texts seed 001's decoders study scores, once per arm and trained model: 30 prompts from the held-out text (each
/// two whole sentences, so prompt and continuation fit the context; the same for every arm and replicate) continued by the arm's one decoder with 5 sampling seeds,
/// or — for an arm without a decoder — the held-out text's own continuation of each prompt (the human reference).
/// A deterministic decoder (greedy, beam, capacity-saving taking the best score) is decoded once per prompt: other
/// sampling seeds would repeat its text.
/// </summary>
public static class DecoderTexts
{
    public const int Prompts = 30, SamplingSeeds = 5, PromptSentences = 2;

    /// <summary>The length of the human reference continuation, in tokens: the study's decoders declare the same max_tokens.</summary>
    public const int ReferenceTokens = 64;

    public sealed record Texts(IReadOnlyList<string> Continuations, IReadOnlyList<double> NucleusSizes);

    static readonly ConditionalWeakTable<LanguageModel, Dictionary<(int Replicate, DecoderConfig Decoder), Texts>> Cache = new();

    public static Texts Of(MeasureInput input)
    {
        var byDecoder = Cache.GetValue(input.Model, _ => []);
        var decoder = input.Config.Decode.Count switch
        {
            0 => null,
            1 => input.Config.Decode[0],
            _ => throw new InvalidOperationException("the decoders study scores one decoder per arm; declare one in decode"),
        };
        var key = (input.Config.Seed, decoder ?? NoDecoder);
        lock (byDecoder)
        {
            if (!byDecoder.TryGetValue(key, out var texts)) byDecoder[key] = texts = Decode(input, decoder);
            return texts;
        }
    }

    static readonly DecoderConfig NoDecoder = new GreedyConfig(0, "corpus text");

    static Texts Decode(MeasureInput input, DecoderConfig? config)
    {
        var data = input.Data ?? throw new InvalidOperationException("the decoders study needs the run's data");
        var tokenizer = data.Tokenizer;
        var (prompts, references) = PromptsOf(data);
        if (config is null)
            return new([.. references.Select(r => tokenizer.Decode(r))],
                [.. prompts.Select((p, i) => DecodingMetrics.ModelView(input.Model, p, references[i]).MeanNucleusSize)]);

        var decoder = config.Build();
        bool deterministic = config is GreedyConfig or BeamConfig or CapacitySavingConfig { Pick: CandidatePick.Best };
        var continuations = new List<string>();
        var nucleus = new List<double>();
        for (int sampling = 0; sampling < (deterministic ? 1 : SamplingSeeds); sampling++)
        {
            var decoded = decoder.DecodeBatch(input.Model, prompts, SeedsFor(input.Config.Seed, sampling, prompts.Length));
            continuations.AddRange(decoded.Select(d => tokenizer.Decode(d.Tokens)));
            nucleus.AddRange(decoded.Select(d => d.MeanNucleusSize));
        }
        return new(continuations, nucleus);
    }

    /// <summary>
    /// The sampler seed of each prompt's row: distinct for every replicate seed, sampling seed and prompt, so sampled
    /// continuations differ across all three (a decoder's declared seed alone would give every replicate the same draws).
    /// </summary>
    public static int[] SeedsFor(int replicate, int sampling, int prompts) =>
        [.. Enumerable.Range(0, prompts).Select(prompt => unchecked(replicate * 1_000_003 + sampling * 7_919 + prompt))];

    /// <summary>
    /// <see cref="Prompts"/> prompts at evenly spaced sentence ends of the test split: each the <see cref="PromptSentences"/>
    /// whole sentences before that end, with the next <see cref="ReferenceTokens"/> tokens as the reference continuation.
    /// </summary>
    public static (IReadOnlyList<int>[] Prompts, int[][] References) PromptsOf(PreparedData data)
    {
        int[] test = data.Splits.Test;
        var ends = Enumerable.Range(0, test.Length).Where(i => data.Tokenizer.Decode([test[i]]).EndsWith('.')).ToList();
        var usable = Enumerable.Range(PromptSentences, Math.Max(0, ends.Count - PromptSentences))
            .Where(k => ends[k] + ReferenceTokens < test.Length).ToList();
        if (usable.Count < Prompts)
            throw new InvalidOperationException($"the test split has {usable.Count} usable sentence ends, fewer than the {Prompts} prompts; declare more data.tokens");
        var prompts = new IReadOnlyList<int>[Prompts];
        var references = new int[Prompts][];
        for (int i = 0; i < Prompts; i++)
        {
            int k = usable[(int)((long)i * usable.Count / Prompts)];
            int start = ends[k - PromptSentences] + 1, end = ends[k] + 1;
            prompts[i] = test[start..end];
            references[i] = test[end..(end + ReferenceTokens)];
        }
        return (prompts, references);
    }

    /// <summary>Words and periods of a text: the units its n-gram measures count.</summary>
    public static string[] Words(string text) => text.Replace(".", " . ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The share of generated sentences that parse by the synthetic corpus's grammar (<see cref="SyntheticGrammar"/>).</summary>
[StudyMeasure("parse_rate")]
public sealed class ParseRate : IStudyRateMeasure
{
    public string Name => "parse_rate";

    public RateCount Count(MeasureInput input)
    {
        var grammar = GrammarOf(input);
        var count = DecoderTexts.Of(input).Continuations.Aggregate(new GrammarCount(0, 0), (sum, text) => sum + grammar.Check(text));
        return new RateCount(count.Parsed, count.Sentences);
    }

    /// <summary>The grammar of the run's text: the synthetic corpus's at the run's data seed.</summary>
    public static SyntheticGrammar GrammarOf(MeasureInput input) => input.Config.Data.Corpus == CorpusKind.Synthetic
        ? SyntheticGrammar.For(input.Config.Data.SeedFor(input.Config.Seed))
        : throw new InvalidOperationException("the parse rates check the synthetic corpus's grammar; declare data.corpus: synthetic");
}

/// <summary>
/// The share of the held-out text's own sentences that parse (the whole test split, not only the prompts' continuations):
/// the human reference's control on the checker and the data; the same for every arm.
/// </summary>
[StudyMeasure("heldout_parse_rate")]
public sealed class HeldOutParseRate : IStudyRateMeasure
{
    public string Name => "heldout_parse_rate";

    public RateCount Count(MeasureInput input)
    {
        var data = input.Data ?? throw new InvalidOperationException("heldout_parse_rate needs the run's data");
        string text = data.Tokenizer.Decode(data.Splits.Test);
        var count = ParseRate.GrammarOf(input).Check(text[(text.IndexOf('.') + 1)..]); // the split starts mid-sentence
        return new RateCount(count.Parsed, count.Sentences);
    }
}

/// <summary>Repeated 4-grams of words (periods count as words) / all 4-grams, within each continuation, pooled over all of them.</summary>
[StudyMeasure("repeated_4gram_rate")]
public sealed class Repeated4GramRate : IStudyMeasure
{
    public string Name => "repeated_4gram_rate";

    public double Measure(MeasureInput input)
    {
        long repeated = 0, total = 0;
        foreach (string text in DecoderTexts.Of(input).Continuations)
        {
            var (r, t) = DecodingMetrics.RepeatedNgrams(DecoderTexts.Words(text), 4);
            (repeated, total) = (repeated + r, total + t);
        }
        return total == 0 ? double.NaN : (double)repeated / total;
    }
}

/// <summary>Distinct word bigrams / word bigrams of each continuation, averaged over the continuations.</summary>
[StudyMeasure("distinct_2")]
public sealed class Distinct2 : IStudyMeasure
{
    public string Name => "distinct_2";

    public double Measure(MeasureInput input) =>
        DecoderTexts.Of(input).Continuations.Average(text => DecodingMetrics.DistinctN(DecoderTexts.Words(text), 2));
}

/// <summary>
/// Seed 001's possibilities along the text: the model's top-0.9 nucleus size at each generated position, averaged —
/// what the capacity-saving decoder means to keep small.
/// </summary>
[StudyMeasure("nucleus_size")]
public sealed class NucleusSize : IStudyMeasure
{
    public string Name => "nucleus_size";

    public double Measure(MeasureInput input) => DecoderTexts.Of(input).NucleusSizes.Average();
}
