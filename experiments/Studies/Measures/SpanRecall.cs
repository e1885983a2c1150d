using System.Runtime.CompilerServices;
using DslRunner.Data;
using DslRunner.Data.Corpora;
using DslRunner.Geometry;
using DslRunner.Models;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// The span-recall probe of seed 001's dependency-length study, run once per trained model: 100 sequences at each key
/// length of 1, 2, 3, 4, 6, 8, 12 and 16 names, prefixes from the synthetic language's text past everything the run's
/// data used. Each replicate draws its own keys with its seed, and every arm of one replicate the same ones (where its
/// context fits them).
/// </summary>
static class SpanRecallRun
{
    public static readonly int[] Names = [1, 2, 3, 4, 6, 8, 12, 16];

    public const int PerLength = 100;

    /// <summary>Recall at or above this rate counts a span as usable.</summary>
    public const double Usable = 0.5;

    const int ProbeCharacters = 20_000;

    static readonly ConditionalWeakTable<LanguageModel, IReadOnlyList<SpanRecallAt>> Cache = new();

    public static IReadOnlyList<SpanRecallAt> Of(MeasureInput input) => Cache.GetValue(input.Model, _ =>
    {
        var (text, used, textSeed, data) = UnseenText.Of(input, ProbeCharacters, "span-recall probe");
        return SpanRecallProbe.Measure(input.Model, data.Tokenizer, text, SyntheticLexicon.Of(textSeed),
            new SpanRecallOptions(Names, PerLength, input.Config.Seed, Batch: 50, FromCharacter: used));
    });

    public static UsableSpan UsableOf(MeasureInput input) => SpanRecallProbe.Usable(Of(input), Usable);

    /// <summary>n·ln(m·h)/ln V with m read as the attention heads (the default reading) or as 1.</summary>
    public static double Analytic(MeasureInput input, double? m = null) =>
        ExpressiveCapacity.Of(input.Config.Model, input.Model.VocabularySize, m).DependencyLength;
}

/// <summary>The share of one-name keys recalled: whether the model learned to recall at all (a control, so a plain value, not a rate).</summary>
[StudyMeasure("span_recall_1")]
public sealed class SpanRecallOfOneName : IStudyMeasure
{
    public string Name => "span_recall_1";
    public double Measure(MeasureInput input) => SpanRecallRun.Of(input).Single(p => p.Names == 1).Rate;
}

/// <summary>Recall of the longest key length the model's context holds: at or above one half, the usable span is only a lower bound.</summary>
[StudyMeasure("span_recall_longest")]
public sealed class SpanRecallOfLongest : IStudyRateMeasure
{
    public string Name => "span_recall_longest";
    public RateCount Count(MeasureInput input)
    {
        var longest = SpanRecallRun.Of(input).Where(p => p.Probes > 0).MaxBy(p => p.Names)!;
        return new RateCount(longest.Recalled, longest.Probes);
    }
}

/// <summary>Tokens of the longest key length probed in the model's context: where the probe range ends for this arm.</summary>
[StudyMeasure("span_tokens_longest")]
public sealed class SpanTokensOfLongest : IStudyMeasure
{
    public string Name => "span_tokens_longest";
    public double Measure(MeasureInput input) => SpanRecallRun.Of(input).Where(p => p.Probes > 0).MaxBy(p => p.Names)!.MeanTokens;
}

/// <summary>The usable span in tokens (<see cref="SpanRecallProbe.Usable"/>).</summary>
[StudyMeasure("usable_span")]
public sealed class UsableSpanTokens : IStudyMeasure
{
    public string Name => "usable_span";
    public double Measure(MeasureInput input) => SpanRecallRun.UsableOf(input).Tokens;
}

/// <summary>n·ln(h)/ln V: seed 001's analytic length with m read as 1 (one possibility per unit of width).</summary>
[StudyMeasure("analytic_length_m1")]
public sealed class AnalyticLengthOneWay : IStudyMeasure
{
    public string Name => "analytic_length_m1";
    public double Measure(MeasureInput input) => SpanRecallRun.Analytic(input, m: 1);
}

/// <summary>The usable span over n·ln(m·h)/ln V, m = heads: 1 when the formula predicts it exactly.</summary>
[StudyMeasure("span_over_analytic")]
public sealed class SpanOverAnalytic : IStudyMeasure
{
    public string Name => "span_over_analytic";
    public double Measure(MeasureInput input) => SpanRecallRun.UsableOf(input).Tokens / SpanRecallRun.Analytic(input);
}
