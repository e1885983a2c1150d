using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Models;

namespace DslRunner.Studies;

/// <summary>Marks a class implementing <see cref="IStudyMeasure"/> as a study-level measure that declarations can name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StudyMeasureAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>What a study-level measure sees: the trained model and the run's data (null for an arm that is only built).</summary>
public sealed record MeasureInput(ExperimentConfig Config, LanguageModel Model, PreparedData? Data);

/// <summary>
/// A study-level measure written in C#: computed once on each trained model, on the shared evaluation text (the test
/// split), its value stored in the run folder so a reused run keeps it.
/// </summary>
public interface IStudyMeasure
{
    /// <summary>The name checks refer to, as in <see cref="StudyMeasureAttribute"/>.</summary>
    string Name { get; }

    double Measure(MeasureInput input);
}

/// <summary>
/// A study-level measure that counts: successes out of trials on each trained model (recall, parse rate). Its value is
/// the rate; a check on it gets a t interval over the replicates' rates (items within a replicate are not independent),
/// and the arm table shows Wilson's interval on the count pooled over seeds beside it.
/// </summary>
public interface IStudyRateMeasure : IStudyMeasure
{
    RateCount Count(MeasureInput input);

    double IStudyMeasure.Measure(MeasureInput input) => Count(input).Rate;
}

/// <summary>Successes out of trials.</summary>
public readonly record struct RateCount(long Successes, long Trials)
{
    /// <summary>Keys under which a run's measures file keeps a rate's count beside its value.</summary>
    public static string SuccessesKey(string measure) => measure + ":successes";

    public static string TrialsKey(string measure) => measure + ":trials";

    public double Rate => Trials == 0 ? double.NaN : (double)Successes / Trials;
}
