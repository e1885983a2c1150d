using System.Text;
using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Sweeps;

namespace DslRunner.Studies.Declared;

/// <summary>
/// Runs a study's trained arms × seeds as the points of a sweep plan (<c>sweep.json</c> under the study's runs root), with
/// the launchers <c>sweep</c> uses: finished points are kept, interrupted ones resume from their checkpoint, missing ones
/// start, one after another in this process or <c>--jobs</c> at a time as child processes. A changed declaration replans,
/// and points whose resolved config is unchanged keep their runs. Arms that are only built are measured here, and so are
/// decoding arms: on the final weights of the run of the arm they decode from at the same seed, never trained again.
/// </summary>
public sealed class SweepArmLauncher(IReadOnlyList<IExperiment> registry) : IArmLauncher
{
    public IReadOnlyList<ArmResult> Run(IReadOnlyList<ArmPlan> plans, StudyDefinition study, StudyContext context)
    {
        var trained = plans.Where(p => p.Arm.Train && p.Arm.DecodesFrom is null).ToList();
        var (sweep, plan) = trained.Count == 0 ? (null, null) : Prepare(trained, study, context);
        var states = sweep is null || plan is null ? [] : PointState.ReadAll(sweep, plan);
        var finishedBefore = states.Where(s => s.Phase == PointPhase.Finished).Select(s => s.Point.Index).ToHashSet();
        if (sweep is not null && plan is not null) states = Launch(sweep, plan, states, context);

        var runs = new Dictionary<(string Label, (int, int?) Replicate), (ArmPlan Plan, ArmResult Result, IExperiment Experiment)>();
        for (int i = 0; i < trained.Count; i++)
        {
            var (arm, state) = (trained[i], states[i]);
            string folder = state.Folder!;
            var experiment = SweepPlanner.Resolve(state.Point, registry);
            var (measures, fingerprint) = ArmMeasures.Of(experiment, folder, study.CodeMeasures, context.Progress, study.MeasuresInit);
            var manifest = RunManifest.Read(folder);
            var wall = manifest.FinishedAt is { } end ? end - manifest.StartedAt : TimeSpan.Zero;
            runs[(arm.Arm.Label, arm.Replicate)] = (arm, new ArmResult(arm, folder, finishedBefore.Contains(state.Point.Index),
                MetricsLog.Read(Path.Combine(folder, ExperimentRunner.MetricsFileName)), measures, fingerprint, wall), experiment);
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
    (SweepFolder, SweepPlan) Prepare(IReadOnlyList<ArmPlan> trained, StudyDefinition study, StudyContext context)
    {
        // A replicated text names its point: "arm data=7 seed=1".
        var requests = trained.Select(p => new PointRequest(p.DataSeed is { } text ? $"{p.Arm.Label} data={text}" : p.Arm.Label,
            p.Arm.Experiment, p.Overrides, p.Seed)).ToList();
        var seeds = trained.Select(p => p.Seed).Distinct().ToList();
        var spec = new SweepSpec($"{study.Name}.{context.BudgetName}", [], seeds, LauncherSettings.InProcess);
        var planned = SweepPlanner.Plan(spec, requests, registry, context.RunsRoot);
        for (int i = 0; i < trained.Count; i++)
            if (planned.Points[i].ConfigHash != trained[i].ConfigHash)
                throw new InvalidOperationException($"study '{study.Name}': arm '{trained[i].Arm.Label}' seed {trained[i].Seed} resolves differently as a sweep point");
        var sweep = SweepFolder.For(context.RunsRoot, planned);
        if (File.Exists(Path.Combine(sweep.Path, SweepPlan.FileName)))
        {
            var saved = sweep.ReadPlan();
            var changes = PlanChanges.Between(saved, planned);
            if (changes.Count == 0) return (sweep, saved);
            context.Progress.Message($"the declaration changed since {sweep.Path} was planned; replanning (unchanged points keep their runs):\n{PlanChanges.Describe(changes)}");
        }
        planned.Write(sweep.Path);
        return (sweep, planned);
    }

    IReadOnlyList<PointState> Launch(SweepFolder sweep, SweepPlan plan, IReadOnlyList<PointState> states, StudyContext context)
    {
        var running = states.Where(s => s.Phase == PointPhase.Running).ToList();
        if (running.Count > 0)
            throw new InvalidOperationException($"{running.Count} of the study's runs are still running elsewhere; run the study again when they end:\n"
                                                + SweepStatusTable.Render(running));
        var toRun = states.Where(s => s.Phase is PointPhase.Planned or PointPhase.Failed).Select(s => s.Point).ToList();
        if (toRun.Count > 0)
        {
            using var output = new ProgressWriter(context.Progress);
            var launcher = context.Processes?.Invoke(output) ?? new InProcessLauncher(registry, output, body => body(context.Progress), context.Child);
            launcher.Launch(sweep, toRun);
        }
        var after = PointState.ReadAll(sweep, plan);
        if (after.Any(s => s.Phase != PointPhase.Finished))
            throw new InvalidOperationException($"not every run of the study finished ({sweep.Path}):\n{SweepStatusTable.Render(after)}");
        return after;
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
