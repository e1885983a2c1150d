using System.Text;
using DslRunner.Runs;
using DslRunner.Sweeps;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Studies;

/// <summary>
/// Runs a study's trained arms × seeds as the points of a sweep plan (<c>sweep.json</c> under the study's runs root), with
/// the launchers <c>sweep</c> uses: finished points are kept, interrupted ones resume from their checkpoint, missing ones
/// start, one after another in this process or <c>--jobs</c> at a time as child processes, through the same
/// <see cref="SweepEngine"/> as <c>sweep</c>; each point carries the experiment its arm was bound to while planning. A changed declaration replans,
/// and points whose resolved config is unchanged keep their runs. Arms that are only built are measured here, and so are
/// decoding arms: on the final weights of the run of the arm they decode from at the same seed, never trained again.
/// </summary>
public sealed class SweepArmLauncher(IReadOnlyList<IExperiment> registry) : IArmLauncher
{
    public IReadOnlyList<ArmResult> Run(IReadOnlyList<ArmPlan> plans, StudyDefinition study, StudyContext context)
    {
        var trained = plans.Where(p => p.Arm.Train && p.Arm.DecodesFrom is null).ToList();
        var engine = new SweepEngine(registry, context.RunsRoot);
        IReadOnlyList<PointState> states = [];
        var finishedBefore = new HashSet<int>();
        if (trained.Count > 0)
        {
            var (sweep, plan) = Prepare(engine, trained, study, context);
            var pending = SweepEngine.Pending(sweep, plan);
            finishedBefore = [.. pending.States.Where(s => s.Phase == PointPhase.Finished).Select(s => s.Point.Index)];
            states = Launch(engine, sweep, plan, pending, study.Name, context);
        }

        var runs = new Dictionary<(string Label, (int, int?) Replicate), (ArmPlan Plan, ArmResult Result, IExperiment Experiment)>();
        for (int i = 0; i < trained.Count; i++)
        {
            var (arm, state) = (trained[i], states[i]);
            string folder = state.Folder!;
            var experiment = arm.Bound;
            var (measures, fingerprint) = ArmMeasures.Of(experiment, folder, study.CodeMeasures, context.Progress, study.MeasuresInit);
            var manifest = RunManifest.Read(folder);
            var wall = manifest.FinishedAt is { } end ? end - manifest.StartedAt : TimeSpan.Zero;
            runs[(arm.Arm.Label, arm.Replicate)] = (arm, new ArmResult(arm, folder, finishedBefore.Contains(state.Point.Index),
                MetricsLog.Read(Path.Combine(folder, RunFileNames.Metrics)), measures, fingerprint, wall), experiment);
        }
        return [.. plans.Select(arm =>
            !arm.Arm.Train ? BuiltArm.Measure(arm, study)
            : arm.Arm.DecodesFrom is { } source ? Decoding(arm, runs[(source, arm.Replicate)], study, context)
            : runs[(arm.Arm.Label, arm.Replicate)].Result)];
    }

    /// <summary>A decoding arm at one seed, measured on the final weights of its source arm's run at that seed.</summary>
    static ArmResult Decoding(ArmPlan arm, (ArmPlan Plan, ArmResult Result, IExperiment Experiment) source, StudyDefinition study, StudyContext context)
    {
        if (RunManifest.HashConfig(arm.Config with { Decode = source.Plan.Config.Decode }) != source.Plan.ConfigHash)
            throw new InvalidOperationException($"study '{study.Name}': arm '{arm.Arm.Label}' seed {arm.Seed} differs from arm '{arm.Arm.DecodesFrom}' " +
                                                "in more than its decoders, so it cannot reuse that arm's model");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string folder = source.Result.Folder!;
        var (measures, reused) = ArmMeasures.OfDecoding(source.Experiment, folder, arm, study.CodeMeasures, context.Progress);
        // The model it decodes from started where its source's did: the untrained model's figures are the source run's.
        var withInit = new Dictionary<string, double>(measures, StringComparer.Ordinal);
        foreach (var (name, value) in source.Result.Measures.Where(m => m.Key.EndsWith(ArmMeasures.InitKey(""), StringComparison.Ordinal)))
            withInit.TryAdd(name, value);
        return source.Result with
        {
            Plan = arm, Reused = source.Result.Reused && reused, Measures = withInit, WallTime = reused ? TimeSpan.Zero : clock.Elapsed,
        };
    }

    /// <summary>The plan of the trained arms: the saved one when nothing changed, else a new one (unchanged points keep their runs).</summary>
    (SweepFolder, SweepPlan) Prepare(SweepEngine engine, IReadOnlyList<ArmPlan> trained, StudyDefinition study, StudyContext context)
    {
        // A replicated text names its point: "arm data=7 seed=1".
        var requests = trained.Select(p => new PointRequest(p.DataSeed is { } text ? $"{p.Arm.Label} data={text}" : p.Arm.Label,
            p.Arm.Experiment, p.Overrides, p.Seed) { Bound = p.Bound }).ToList();
        var seeds = trained.Select(p => p.Seed).Distinct().ToList();
        var spec = new SweepSpec($"{study.Name}.{context.BudgetName}", [], seeds, LauncherSettings.InProcess);
        var reconciliation = engine.Reconcile(engine.Plan(spec, requests));
        if (reconciliation.Standing == PlanStanding.Unchanged) return (reconciliation.Sweep, reconciliation.Current);
        if (reconciliation.Standing == PlanStanding.Changed)
            context.Progress.Message($"the declaration changed since {reconciliation.Sweep.Path} was planned; replanning (unchanged points keep their runs):\n"
                                     + PlanChanges.Describe(reconciliation.Changes));
        var plan = reconciliation.Planned;
        plan.Write(reconciliation.Sweep.Path);
        return (reconciliation.Sweep, plan);
    }

    IReadOnlyList<PointState> Launch(SweepEngine engine, SweepFolder sweep, SweepPlan plan, PendingPoints pending, string study, StudyContext context)
    {
        if (context.Slurm is { } slurm) return Finished(sweep, LaunchOnSlurm(sweep, plan, pending, slurm, study, context));
        if (pending.Running.Count > 0)
            throw new InvalidOperationException($"{pending.Running.Count} of the study's runs are still running elsewhere; run the study again when they end:\n"
                                                + SweepStatusTable.Render(pending.Running));
        IReadOnlyList<PointState> after;
        if (pending.ToRun.Count > 0)
        {
            using var output = new ProgressWriter(context.Progress);
            var launcher = context.Processes?.Invoke(output) ?? engine.InProcess(output, body => body(context.Progress), context.Child);
            after = SweepEngine.Launch(sweep, plan, pending.ToRun, launcher);
        }
        else after = pending.States;
        if (StopSignals.Requested is { } signal) throw new LaunchInterruptedException(signal, SweepStatusTable.Render(after));
        return Finished(sweep, after);
    }

    static IReadOnlyList<PointState> Finished(SweepFolder sweep, IReadOnlyList<PointState> after) =>
        after.Any(s => s.Phase != PointPhase.Finished)
            ? throw new InvalidOperationException($"not every run of the study finished ({sweep.Path}):\n{SweepStatusTable.Render(after)}")
            : after;

    /// <summary>
    /// Submits the runs that are neither finished nor running as one job array; with <see cref="SlurmArms.Wait"/> waits for
    /// every array of the study's plan (requeued tasks included) and returns the states, else stops with what was submitted.
    /// </summary>
    static IReadOnlyList<PointState> LaunchOnSlurm(SweepFolder sweep, SweepPlan plan, PendingPoints pending, SlurmArms slurm, string study, StudyContext context)
    {
        if (pending.ToRun.Count == 0 && pending.Running.Count == 0) return pending.States;
        var child = context.Child ?? throw new InvalidOperationException("a study on Slurm needs the command that starts this program for a task");
        var launcher = new SlurmLauncher(slurm.Settings, child);
        string again = $"run 'study {study} --budget {context.BudgetName}' again when they have finished, for the report; follow them with: sweep status {sweep.Path}";
        if (slurm.Emit)
            throw new ArmsSubmittedException(pending.ToRun.Count == 0
                ? "every run of the study is finished or running: nothing to submit"
                : $"wrote {launcher.WriteScript(sweep, plan, pending.ToRun)} ({pending.ToRun.Count} tasks); nothing submitted");
        foreach (var running in pending.Running) context.Progress.Message($"{running.Point.Label}: still running ({running.Detail}); not submitted again");
        if (pending.ToRun.Count > 0)
        {
            var submission = launcher.Submit(sweep, plan, pending.ToRun);
            context.Progress.Message($"submitted job array {submission.JobId} ({pending.ToRun.Count} tasks: {string.Join(", ", pending.ToRun.Select(p => p.Label))}); script {submission.Script}");
        }
        if (!slurm.Wait) throw new ArmsSubmittedException($"the study's runs are on Slurm; {again}");
        SlurmLauncher.WaitAll(sweep);
        return PointState.ReadAll(sweep, plan);
    }

    /// <summary>Lines written by a launcher, passed on as progress messages.</summary>
    sealed class ProgressWriter(IRunProgress progress) : TextWriter
    {
        readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n') Flush();
            else if (value != '\r') _line.Append(value);
        }

        public override void Flush()
        {
            if (_line.Length > 0) progress.Message(_line.ToString());
            _line.Clear();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Flush();
            base.Dispose(disposing);
        }
    }
}
