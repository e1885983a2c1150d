using System.Runtime.CompilerServices;
using DslRunner.Data;
using DslRunner.Data.Corpora;
using DslRunner.Geometry;
using DslRunner.Models;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// The associative-recall probe of seed 001's dependency-length study, run once per trained model: 100 sequences at each
/// distance L ∈ {4, 8, 16, 32, 48} tokens, built from the synthetic language's text past everything the run's data
/// used (unseen text, same lexicon). The probe sequences are drawn with the replicate's seed: every arm of one replicate
/// sees the same sequences (paired comparisons), and each replicate draws its own, so the interval over replicates covers
/// the choice of items too.
/// </summary>
static class RecallProbeRun
{
    public static readonly int[] Distances = [4, 8, 16, 32, 48];

    public const int PerDistance = 100;

    /// <summary>Recall at or above this rate counts a distance as usable.</summary>
    public const double Usable = 0.5;

    const int ProbeCharacters = 60_000;

    static readonly ConditionalWeakTable<LanguageModel, IReadOnlyList<RecallAtDistance>> Cache = new();

    public static IReadOnlyList<RecallAtDistance> Of(MeasureInput input) => Cache.GetValue(input.Model, _ =>
    {
        var (text, used, _, data) = UnseenText.Of(input, ProbeCharacters, "recall probe");
        return RecallProbe.Measure(input.Model, data.Tokenizer, text,
            new RecallProbeOptions(Distances, PerDistance, input.Config.Seed, Batch: 50, FromCharacter: used));
    });

    public static RateCount At(MeasureInput input, int distance)
    {
        var point = Of(input).Single(r => r.Distance == distance);
        return new RateCount(point.Recalled, point.Probes);
    }
}

/// <summary>Recall at one probed distance, a rate per replicate; one sealed class per distance names it for declarations.</summary>
public abstract class RecallAt(int distance) : IStudyRateMeasure
{
    public string Name => $"recall_l{distance}";
    public RateCount Count(MeasureInput input) => RecallProbeRun.At(input, distance);
}

[StudyMeasure("recall_l4")] public sealed class RecallAt4() : RecallAt(4);
[StudyMeasure("recall_l8")] public sealed class RecallAt8() : RecallAt(8);
[StudyMeasure("recall_l16")] public sealed class RecallAt16() : RecallAt(16);
[StudyMeasure("recall_l32")] public sealed class RecallAt32() : RecallAt(32);
[StudyMeasure("recall_l48")] public sealed class RecallAt48() : RecallAt(48);

/// <summary>The measured usable distance in tokens (see <see cref="RecallProbe.UsableDistance"/>).</summary>
[StudyMeasure("usable_distance")]
public sealed class UsableDistance : IStudyMeasure
{
    public string Name => "usable_distance";
    public double Measure(MeasureInput input) => RecallProbe.UsableDistance(RecallProbeRun.Of(input), RecallProbeRun.Usable);
}

/// <summary>Seed 001's analytic dependency length n·ln(m·h)/ln V, m = attention heads (<see cref="ExpressiveCapacity"/>).</summary>
[StudyMeasure("analytic_length")]
public sealed class AnalyticLength : IStudyMeasure
{
    public string Name => "analytic_length";
    public double Measure(MeasureInput input) => ExpressiveCapacity.Of(input.Config.Model, input.Model.VocabularySize).DependencyLength;
}

/// <summary>The measured usable distance over the analytic one: 1 when the formula predicts it exactly.</summary>
[StudyMeasure("usable_over_analytic")]
public sealed class UsableOverAnalytic : IStudyMeasure
{
    public string Name => "usable_over_analytic";
    public double Measure(MeasureInput input) =>
        RecallProbe.UsableDistance(RecallProbeRun.Of(input), RecallProbeRun.Usable) / ExpressiveCapacity.Of(input.Config.Model, input.Model.VocabularySize).DependencyLength;
}
