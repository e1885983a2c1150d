using DslRunner.Config;
using DslRunner.Generator.Measures;

namespace DslRunner.Training;

/// <summary>
/// Follows one validation figure across a run's evaluations for <c>train.early_stopping</c> and <c>train.keep_best</c>:
/// the best value and its step, and how many evaluations have passed without an improvement. It is a function of the
/// evaluations alone, so a resumed run rebuilds it from the metrics it continues and decides exactly as an
/// uninterrupted run would.
/// </summary>
public sealed class ValidationWatch
{
    readonly string metric;
    readonly StoppingMode mode;
    readonly double minDelta;
    readonly int? patience;

    ValidationWatch(string metric, StoppingMode mode, double minDelta, int? patience) =>
        (this.metric, this.mode, this.minDelta, this.patience) = (metric, mode, minDelta, patience);

    /// <summary>The watch a training config asks for; null when it neither stops early nor keeps the best weights.</summary>
    public static ValidationWatch? For(TrainConfig config) => config.EarlyStopping is { } stopping
        ? new ValidationWatch(stopping.Metric, stopping.Mode, stopping.MinDelta, stopping.Patience)
        : config.KeepBest ? new ValidationWatch(MeasureCatalog.Loss, StoppingMode.Min, 0, null) : null;

    public string Metric => metric;

    /// <summary>The step of the best evaluation so far; null before the first.</summary>
    public int? BestStep { get; private set; }

    public double Best { get; private set; }

    /// <summary>Evaluations since the best one.</summary>
    public int SinceBest { get; private set; }

    /// <summary>Whether training should stop: early stopping is on and its patience has run out.</summary>
    public bool ShouldStop => patience is { } p && SinceBest >= p;

    /// <summary>Takes one evaluation's figures; true when it is the new best.</summary>
    /// <exception cref="InvalidOperationException">The evaluation lacks the watched figure.</exception>
    public bool Observe(int step, IReadOnlyDictionary<string, double> values)
    {
        if (!values.TryGetValue(metric, out double value))
            throw new InvalidOperationException($"train.early_stopping watches '{metric}', which the evaluation at step {step} did not measure");
        bool better = BestStep is null || (mode == StoppingMode.Min ? value < Best - minDelta : value > Best + minDelta);
        if (better)
        {
            (BestStep, Best, SinceBest) = (step, value, 0);
            return true;
        }
        SinceBest++;
        return false;
    }
}
