namespace DslRunner.Config;

public enum StoppingMode { Min, Max }

/// <summary><c>train.early_stopping</c>: stop when a validation figure has not improved for <paramref name="Patience"/> evaluations.</summary>
/// <param name="Metric">The validation figure watched: <c>loss</c>, or a figure measured at every evaluation (perplexity, capacity…).</param>
/// <param name="Mode">Whether lower or higher is better.</param>
/// <param name="Patience">Evaluations in a row without an improvement of more than <paramref name="MinDelta"/> before training stops.</param>
/// <param name="MinDelta">An improvement of this much or less does not count.</param>
public sealed record EarlyStoppingConfig(string Metric, StoppingMode Mode, int Patience, double MinDelta);
