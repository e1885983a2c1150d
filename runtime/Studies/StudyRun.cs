using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Studies;

/// <summary>What a study keeps of one finished experiment run (the model itself is released when the run ends).</summary>
/// <param name="Config">The configuration it ran with, budget applied; its name is the experiment's (variant's, sweep point's).</param>
/// <param name="Folder">The run folder, with its own report.md.</param>
/// <param name="Metrics">Every metrics record, in order.</param>
/// <param name="Test">The test-split figures (loss, parameters, training_flops, decode/…).</param>
/// <param name="TrainingWallTime">Wall time of the training loop alone.</param>
public sealed record StudyRun(
    ExperimentConfig Config, string? Folder, IReadOnlyList<MetricsRecord> Metrics, IReadOnlyDictionary<string, double> Test,
    IReadOnlyList<Sample> Samples, long TokensSeen, TimeSpan TrainingWallTime, double ValidationLoss)
{
    public double[] Steps(string metric, string split = "validation") =>
        [.. Metrics.Where(m => m.Split == split && m.Values.ContainsKey(metric)).Select(m => (double)m.Step)];

    public double[] Values(string metric, string split = "validation") =>
        [.. Metrics.Where(m => m.Split == split && m.Values.ContainsKey(metric)).Select(m => m.Values[metric])];

    /// <summary>The last validation value of <paramref name="metric"/>.</summary>
    public double Final(string metric) => Values(metric) is [.., var last] ? last : double.NaN;

    public double TestValue(string metric) => Test.TryGetValue(metric, out double value) ? value : double.NaN;
}
