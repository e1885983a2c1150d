using DslRunner.Models;

namespace DslRunner.Training;

/// <summary>One evaluation on the validation split.</summary>
public sealed record EvalPoint(int Step, double Loss)
{
    public double Perplexity => Math.Exp(Loss);
}

/// <summary>The trained model and what training measured.</summary>
/// <param name="TrainLosses">Total training loss at every step (index 0 = step 1).</param>
/// <param name="Evaluations">Validation loss at every evaluation.</param>
/// <param name="TokensPerSecond">Training tokens processed per second of wall time.</param>
public sealed record TrainingResult(
    LanguageModel Model,
    IReadOnlyList<double> TrainLosses,
    IReadOnlyList<EvalPoint> Evaluations,
    long TokensSeen,
    TimeSpan WallTime,
    double TokensPerSecond)
{
    /// <summary>Early stopping ended training before <c>train.steps</c>.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>With <c>train.keep_best</c>: the step whose weights the model holds; null otherwise.</summary>
    public int? KeptStep { get; init; }

    /// <summary>The validation of the model the run ends with: the last evaluation, or the kept one with keep_best.</summary>
    public EvalPoint FinalEvaluation => KeptStep is { } kept ? Evaluations.Last(e => e.Step == kept) : Evaluations[^1];
}
