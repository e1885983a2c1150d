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
    public EvalPoint FinalEvaluation => Evaluations[^1];
}
