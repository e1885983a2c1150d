using DslRunner.Config;
using DslRunner.Data;
using DslRunner.RunFiles;

namespace DslRunner.Training;

/// <summary>Everything a running experiment needs from outside: its config, data, folder, metrics sink and progress.</summary>
/// <param name="Folder">The run folder; null for in-memory runs (tests), which write no checkpoints.</param>
public sealed record RunContext(
    ExperimentConfig Config,
    PreparedData Data,
    string? Folder,
    MetricsLog Metrics,
    IRunProgress Progress)
{
    /// <summary>Continue from the folder's checkpoint instead of starting afresh.</summary>
    public bool Resume { get; init; }

    /// <summary>The checkpoint file of this run, or null when the run has no folder.</summary>
    public string? CheckpointPath => Folder is null ? null : Path.Combine(Folder, TrainingCheckpoint.FileName);
}
