namespace DslRunner.Training;

/// <summary>A decoder's continuation of one prompt.</summary>
public sealed record Sample(string Decoder, string Prompt, string Text);

/// <summary>Held-out measurements after training.</summary>
/// <param name="Metrics">Metric name → value on the test split (e.g. loss, perplexity).</param>
/// <param name="Samples">One sample per (decoder, prompt).</param>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<Sample> Samples);
