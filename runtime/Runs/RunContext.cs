using DslRunner.Config;
using DslRunner.Data;

namespace DslRunner.Runs;

/// <summary>Everything a running experiment needs from outside: its config, data, folder, metrics sink and progress.</summary>
/// <param name="Folder">The run folder; null for in-memory runs (tests).</param>
public sealed record RunContext(
    ExperimentConfig Config,
    PreparedData Data,
    string? Folder,
    MetricsLog Metrics,
    IRunProgress Progress);
