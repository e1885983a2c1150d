using System.Text.Json.Serialization;

namespace DslRunner.Training;

/// <summary>A decoder's continuation of one prompt.</summary>
/// <param name="Decoder">The decoder's key (as in its metrics, <c>decode/&lt;key&gt;/…</c>).</param>
/// <param name="Settings">The decoder and its settings for people (e.g. "top-p p=0.9 t=0.8"); null in runs recorded before it was kept.</param>
public sealed record Sample(string Decoder, string Prompt, string Text, string? Settings = null)
{
    /// <summary>The key followed by the settings, for reports and consoles.</summary>
    [JsonIgnore]
    public string Title => Settings is null || Settings == Decoder ? Decoder : $"{Decoder} ({Settings})";
}

/// <summary>Held-out measurements after training.</summary>
/// <param name="Metrics">Metric name → value on the test split (e.g. loss, perplexity).</param>
/// <param name="Samples">One sample per (decoder, prompt).</param>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<Sample> Samples);
