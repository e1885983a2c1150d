using DslRunner.Runs;
using DslRunner.Training;

namespace DslRunner.Sweeps;

/// <summary>How a newly planned sweep stands against the plan saved in its folder.</summary>
public enum PlanStanding { New, Unchanged, Changed }

/// <summary>A newly planned sweep beside the plan saved in its folder (if any) and what changed between them, per point.</summary>
/// <param name="Saved">The plan in the sweep's folder; null for a new sweep.</param>
public sealed record PlanReconciliation(SweepFolder Sweep, SweepPlan Planned, SweepPlan? Saved, IReadOnlyList<PointChange> Changes)
{
    public PlanStanding Standing => Saved is null ? PlanStanding.New : Changes.Count == 0 ? PlanStanding.Unchanged : PlanStanding.Changed;

    /// <summary>
    /// The plan to run when nothing forces a replan: the new one for a new sweep, the saved one (its points carrying
    /// the experiments bound while planning) when nothing changed. A changed sweep keeps its saved plan until replanned.
    /// </summary>
    public SweepPlan Current => Saved is null ? Planned
        : Changes.Count > 0 ? Saved
        : Saved with { Points = [.. Saved.Points.Select(p => p with { Bound = Planned.Points.First(q => q.Label == p.Label).Bound })] };

    /// <summary>The new plan, replacing the saved one; points whose config is unchanged keep their runs.</summary>
    public SweepPlan Replanned => Saved is null ? Planned : Planned with { CreatedAt = DateTimeOffset.UtcNow };
}

/// <summary>Where a plan's points stand before launching: those to run (planned or failed) and those another process still runs.</summary>
public sealed record PendingPoints(IReadOnlyList<PointState> States, IReadOnlyList<SweepPoint> ToRun, IReadOnlyList<PointState> Running);

/// <summary>
/// The one way a sweep runs, for the <c>sweep</c> command and for studies alike: plan the points (each bound once, the
/// bound experiment carried by the point to whatever runs or measures it), reconcile the plan with the one saved in the
/// sweep's folder, launch the points not finished, and read where every point ended.
/// </summary>
/// <param name="registry">The declared experiments, variants and sweep points that requests name.</param>
/// <param name="runsRoot">The runs root the sweep's folder is under.</param>
public sealed class SweepEngine(IReadOnlyList<IExperiment> registry, string runsRoot)
{
    public IReadOnlyList<IExperiment> Registry => registry;

    /// <inheritdoc cref="SweepPlanner.Plan"/>
    public SweepPlan Plan(SweepSpec spec, IReadOnlyList<PointRequest> requests, bool mergeIdentical = false) =>
        SweepPlanner.Plan(spec, requests, registry, runsRoot, mergeIdentical);

    /// <summary>The planned sweep beside the plan saved in its folder.</summary>
    public PlanReconciliation Reconcile(SweepPlan planned)
    {
        var sweep = SweepFolder.For(runsRoot, planned);
        if (!File.Exists(Path.Combine(sweep.Path, SweepPlan.FileName))) return new PlanReconciliation(sweep, planned, null, []);
        var saved = sweep.ReadPlan();
        return new PlanReconciliation(sweep, planned, saved, PlanChanges.Between(saved, planned));
    }

    /// <summary>Every point's state, the points to run and those still running elsewhere.</summary>
    public static PendingPoints Pending(SweepFolder sweep, SweepPlan plan)
    {
        var states = PointState.ReadAll(sweep, plan);
        return new PendingPoints(states,
            [.. states.Where(s => s.Phase is PointPhase.Planned or PointPhase.Failed).Select(s => s.Point)],
            [.. states.Where(s => s.Phase == PointPhase.Running)]);
    }

    /// <summary>Runs the points one after another in this process (a point in the other numeric mode in a child process).</summary>
    public InProcessLauncher InProcess(TextWriter output, Func<Func<IRunProgress, PointOutcome>, PointOutcome> withProgress, ChildCommand? child) =>
        new(registry, output, withProgress, child);

    /// <summary>Launches the points, then reads where every point of the plan stands.</summary>
    public static IReadOnlyList<PointState> Launch(SweepFolder sweep, SweepPlan plan, IReadOnlyList<SweepPoint> toRun, ISweepLauncher launcher)
    {
        launcher.Launch(sweep, toRun);
        return PointState.ReadAll(sweep, plan);
    }
}
