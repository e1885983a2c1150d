using System.Text.Json.Serialization;
using DslRunner.Config;

namespace DslRunner.Sweeps;

/// <summary>A point to plan: which declared experiment (or variant / sweep point), with which overrides and seed.</summary>
/// <param name="Group">What the point stands for without its seed (points of one group are replicates, averaged by collect).</param>
/// <param name="Experiment">The registry name: <c>name</c>, <c>name.variant</c> or <c>name@key=value</c>.</param>
/// <param name="Overrides"><c>key=value</c> overrides applied to the experiment's declaration.</param>
/// <param name="Seed">The seed to run with; null keeps the declared one.</param>
public sealed record PointRequest(string Group, string Experiment, IReadOnlyList<string> Overrides, int? Seed = null)
{
    /// <summary>
    /// The experiment already bound with these overrides and this seed (a study binds its arms while planning them);
    /// null lets the planner bind it.
    /// </summary>
    public IExperiment? Bound { get; init; }
}

/// <summary>One planned run: its resolved overrides and config, its hash, and what it will cost.</summary>
/// <param name="Label">Unique within the plan: the group, and the seed when the plan has several.</param>
/// <param name="Overrides">Every override the run applies, the seed's included (<c>seed=N</c>).</param>
/// <param name="ConfigHash">The resolved config's hash, as the run's manifest will record it.</param>
public sealed record SweepPoint(
    int Index,
    string Label,
    string Group,
    string Experiment,
    string? Variant,
    IReadOnlyList<string> Overrides,
    int Seed,
    int Threads,
    string ConfigHash,
    PointCost Cost,
    ExperimentConfig Config)
{
    /// <summary>
    /// The numeric mode the point computes in (its config's <c>train.reproducibility</c>, or the planning process's
    /// requested mode). Launchers start the point in this mode: a process whose libtorch is loaded in the other mode
    /// runs it as a child process, and Slurm tasks get the mode's settings in the job script.
    /// </summary>
    public Reproducibility Mode { get; init; }

    /// <summary>
    /// The experiment the point runs, bound while planning, so that the process that planned the point runs and measures
    /// it without binding it again. Not saved: a plan read from its file (another process, a Slurm task) binds it anew.
    /// </summary>
    [JsonIgnore]
    public IExperiment? Bound { get; init; }
}
