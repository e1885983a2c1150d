namespace DslRunner.Config;

/// <param name="Metrics">Metric names reported at every evaluation (e.g. loss, perplexity).</param>
/// <param name="Prompts">Prompts decoded at the end of a run.</param>
public sealed record EvalConfig(IReadOnlyList<string> Metrics, IReadOnlyList<string> Prompts);
