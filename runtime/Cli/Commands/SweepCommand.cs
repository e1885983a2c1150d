using System.CommandLine;
using System.Globalization;
using DslRunner.Runs;
using DslRunner.Sweeps;

namespace DslRunner.Cli.Commands;

/// <summary>
/// <c>sweep &lt;name&gt;</c>: plan every variant and sweep point × seeds, save the plan, run what is not finished
/// (resuming interrupted points), then compare. <c>sweep status</c>, <c>sweep collect</c> and <c>sweep point</c>
/// (one point, for launchers) are subcommands.
/// </summary>
public static class SweepCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var name = new Argument<string>("name") { Description = "The experiment whose variants and sweep points to run." };
        var set = new Option<string[]>("--set") { Description = "Override a key for every point, e.g. --set train.steps=50 (repeatable)." };
        var grid = new Option<string[]>("--grid")
        {
            Description = "Run every point at each value of a key, e.g. --grid train.optimizer.lr=1e-3,3e-3 (repeatable: the product of the axes); checked like --set.",
        };
        var seeds = new Option<string?>("--seeds") { Description = "Run every point with each of these seeds, e.g. --seeds 1,2,3." };
        var replicates = new Option<int?>("--replicates") { Description = "Run every point with N seeds: the declared seed and the N-1 after it." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (points, seeds, overrides, config hashes, costs) and exit; nothing runs." };
        var force = new Option<bool>("--force") { Description = "Replan when the declaration changed since the plan was saved; points whose config is unchanged keep their runs." };
        var launcherOptions = new LauncherOptions();
        var runs = CliOptions.RunsRoot();
        var command = new Command("sweep", "Plan an experiment's variants and sweep points (× seeds), run or resume them, then compare.")
        {
            name, set, grid, seeds, replicates, dryRun, force, runs,
        };
        launcherOptions.AddTo(command);
        command.Subcommands.Add(StatusCommand(cli));
        command.Subcommands.Add(CollectCommand(cli));
        command.Subcommands.Add(PointCommand(cli));
        command.SetAction(parse =>
        {
            string experimentName = parse.GetValue(name)!;
            var experiment = cli.Resolve(experimentName, null);
            var overrides = parse.GetValue(set) ?? [];
            var seedList = Seeds(parse.GetValue(seeds), parse.GetValue(replicates), experiment.Config.Seed);
            var launcher = launcherOptions.Read(parse);
            int? jobCount = launcher.Jobs > 0 ? launcher.Jobs : null;
            string root = parse.GetValue(runs)!;

            var gridArguments = parse.GetValue(grid) ?? [];
            var gridPoints = GridPoints(gridArguments, overrides);
            var members = new List<IExperiment> { experiment };
            members.AddRange(cli.DerivedOf(experimentName));
            var requests = (
                from member in members
                from point in gridPoints
                let label = point.Label.Length == 0 ? member.Config.Name : member.Config.Name + (member.Config.Name.Contains('@') ? "," : "@") + point.Label
                let pointOverrides = (IReadOnlyList<string>)[.. overrides, .. point.Overrides]
                from seed in seedList.Count == 0 ? new int?[] { null } : seedList.Select(s => (int?)s)
                select new PointRequest(label, member.Config.Name, pointOverrides, seed)).ToList();
            var spec = new SweepSpec(experimentName, overrides, seedList, launcher) { Grid = gridArguments };
            var engine = new SweepEngine(cli.Experiments, root);
            SweepPlan plan;
            try
            {
                plan = engine.Plan(spec, requests, mergeIdentical: true);
            }
            catch (InvalidOverrideException e)
            {
                throw new UsageException(e.Message);
            }
            foreach (var merged in plan.Merged) cli.Output.WriteLine(merged.ToString());
            var reconciliation = engine.Reconcile(plan);
            var sweep = reconciliation.Sweep;
            var (current, exit) = Reconcile(cli.Output, cli.Error, reconciliation, parse.GetValue(force), parse.GetValue(dryRun));
            if (exit is { } code) return code;
            if (parse.GetValue(dryRun))
            {
                cli.Output.Write(SweepPlanTable.Render(current, File.Exists(Path.Combine(sweep.Path, SweepPlan.FileName)) ? PointState.ReadAll(sweep, current) : null));
                return ExitCodes.Ok;
            }
            current.Write(sweep.Path);
            return launcher.Kind == LauncherKind.Slurm
                ? LaunchOnSlurm(cli, sweep, current, launcher, parse.GetValue(launcherOptions.Emit), parse.GetValue(launcherOptions.Wait))
                : Launch(cli, engine, sweep, current, jobCount);
        });
        return command;
    }

    /// <summary>The grid's points (one point with no overrides when there is no grid).</summary>
    static IReadOnlyList<(string Label, IReadOnlyList<string> Overrides)> GridPoints(string[] arguments, IReadOnlyList<string> overrides)
    {
        IReadOnlyList<GridAxis> axes;
        try
        {
            axes = SweepGrid.Parse(arguments);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
        foreach (var axis in axes)
            if (overrides.Any(o => o.Split('=')[0].Trim() == axis.Key))
                throw new UsageException($"'{axis.Key}' is given by both --set and --grid; give it in one of them");
        return axes.Count == 0 ? [("", [])] : SweepGrid.Points(axes);
    }

    static IReadOnlyList<int> Seeds(string? seeds, int? replicates, int declaredSeed)
    {
        if (seeds is not null && replicates is not null) throw new UsageException("give --seeds or --replicates, not both");
        if (replicates is { } n)
        {
            if (n < 1) throw new UsageException("--replicates expects a count of 1 or more");
            return [.. Enumerable.Range(0, n).Select(i => declaredSeed + i)];
        }
        if (seeds is null) return [];
        var list = new List<int>();
        foreach (string part in seeds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            list.Add(int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                ? seed
                : throw new UsageException($"--seeds expects integers separated by commas, e.g. 1,2,3; found '{part}'"));
        if (list.Count == 0 || list.Distinct().Count() != list.Count)
            throw new UsageException("--seeds expects one or more distinct integers, e.g. 1,2,3");
        return list;
    }

    /// <summary>The plan to run: the saved one when nothing changed, the new one for a new sweep or with --force; else a refusal.</summary>
    static (SweepPlan Plan, int? Exit) Reconcile(TextWriter output, TextWriter error, PlanReconciliation reconciliation, bool force, bool dryRun)
    {
        var sweep = reconciliation.Sweep;
        switch (reconciliation.Standing)
        {
            case PlanStanding.New:
                output.WriteLine($"new sweep {sweep.Path} ({reconciliation.Planned.Points.Count} points){OtherSweeps(sweep)}");
                return (reconciliation.Current, null);
            case PlanStanding.Unchanged:
                var states = PointState.ReadAll(sweep, reconciliation.Current);
                output.WriteLine($"resuming sweep {sweep.Path}: {Count(states, PointPhase.Finished)} finished, {Count(states, PointPhase.Running)} running, "
                                 + $"{states.Count(s => s.Phase is PointPhase.Planned or PointPhase.Failed)} to run");
                return (reconciliation.Current, null);
        }
        if (!force)
        {
            error.Write($"error: the declaration changed since the plan in {sweep.Path} was made; per point, what changed:\n{PlanChanges.Describe(reconciliation.Changes)}"
                        + "run again with --force to replan (points whose config is unchanged keep their runs)\n");
            return (reconciliation.Current, ExitCodes.Failed);
        }
        output.Write($"replanning {sweep.Path}{(dryRun ? " (dry run: not saved)" : "")}; changed points:\n{PlanChanges.Describe(reconciliation.Changes)}");
        return (reconciliation.Replanned, null);
    }

    static int Count(IReadOnlyList<PointState> states, PointPhase phase) => states.Count(s => s.Phase == phase);

    static string OtherSweeps(SweepFolder sweep)
    {
        string parent = Path.GetDirectoryName(sweep.Path)!;
        string prefix = Path.GetFileName(sweep.Path)[..^12];
        var others = Directory.Exists(parent)
            ? Directory.GetDirectories(parent, prefix + "*").Where(d => Path.GetFileName(d).Length == prefix.Length + 12).ToList()
            : [];
        return others.Count == 0 ? "" : $"; the overrides, seeds or launcher differ from the existing {string.Join(", ", others.Select(Path.GetFileName))}";
    }

    static int Launch(CliEnvironment cli, SweepEngine engine, SweepFolder sweep, SweepPlan plan, int? jobs)
    {
        var pending = SweepEngine.Pending(sweep, plan);
        foreach (var running in pending.Running)
            cli.Output.WriteLine($"{running.Point.Label}: still running ({running.Detail}); not started again");
        var toRun = pending.ToRun;
        ISweepLauncher launcher;
        if (jobs is { } n)
        {
            int threads = toRun.Count == 0 ? 0 : toRun.Max(p => p.Threads);
            if (n * threads > Environment.ProcessorCount)
                cli.Output.WriteLine($"warning: {n} jobs × {threads} threads per point = {n * threads} threads on {Environment.ProcessorCount} cores; "
                                     + "points will compete for cores (threads are part of each point's config and are not changed)");
            launcher = new LocalProcessLauncher(n, ChildCommand.Current(), cli.Output);
        }
        else
        {
            launcher = engine.InProcess(cli.Output, body => ProgressFactory.Run(cli.Output, body), ChildCommand.Current());
        }
        var states = SweepEngine.Launch(sweep, plan, toRun, launcher);
        if (Training.StopSignals.Requested is { } signal) throw new LaunchInterruptedException(signal, SweepStatusTable.Render(states));
        return Finish(cli.Output, sweep, states);
    }

    /// <summary>Submits the unfinished points (not those Slurm still runs) as one job array; with --wait, waits and compares.</summary>
    static int LaunchOnSlurm(CliEnvironment cli, SweepFolder sweep, SweepPlan plan, LauncherSettings settings, bool emit, bool wait)
    {
        var pending = SweepEngine.Pending(sweep, plan);
        foreach (var running in pending.Running)
            cli.Output.WriteLine($"{running.Point.Label}: still running ({running.Detail}); not submitted again");
        var toRun = pending.ToRun;
        // The saved plan's settings are those of the sweep's identity; the throttle, requeue limit and warning come from this command line.
        var slurm = new SlurmLauncher(settings, ChildCommand.Current());
        if (emit)
        {
            if (toRun.Count == 0) { cli.Output.WriteLine("every point is finished or running: nothing to submit"); return ExitCodes.Ok; }
            cli.Output.WriteLine($"wrote {slurm.WriteScript(sweep, plan, toRun)} ({toRun.Count} tasks); nothing submitted");
            return ExitCodes.Ok;
        }
        if (toRun.Count > 0)
        {
            var submission = slurm.Submit(sweep, plan, toRun);
            cli.Output.WriteLine($"submitted job array {submission.JobId} ({toRun.Count} tasks: {string.Join(", ", toRun.Select(p => p.Label))}); script {submission.Script}");
            if (!wait)
            {
                cli.Output.WriteLine($"follow it with: sweep status {sweep.Path}");
                return ExitCodes.Ok;
            }
            SlurmLauncher.Wait(submission.JobId, TimeSpan.FromSeconds(1));
        }
        else if (pending.Running.Count > 0 && wait)
        {
            SlurmLauncher.WaitAll(sweep);
        }
        return Finish(cli.Output, sweep, PointState.ReadAll(sweep, plan));
    }

    /// <summary>The comparison once every point has finished; otherwise the status table and a failure exit.</summary>
    static int Finish(TextWriter output, SweepFolder sweep, IReadOnlyList<PointState> states)
    {
        output.WriteLine();
        if (states.Any(s => s.Phase != PointPhase.Finished))
        {
            output.Write(SweepStatusTable.Render(states));
            return ExitCodes.Failed;
        }
        var folders = states.Select(s => s.Folder!).ToList();
        output.Write(SweepTable.Render(folders, [.. states.Select(s => s.Point.Label)]));
        output.WriteLine($"wrote {RunReport.WriteComparison(folders, Path.Combine(sweep.Path, "comparison"))}");
        return ExitCodes.Ok;
    }

    static Command StatusCommand(CliEnvironment cli)
    {
        var sweepArgument = new Argument<string>("sweep") { Description = "A sweep folder, its name under runs/sweeps/, or an experiment (its newest sweep)." };
        var runs = CliOptions.RunsRoot();
        var command = new Command("status", "Show each point of a sweep: planned, running, finished, or failed with its error and log.") { sweepArgument, runs };
        command.SetAction(parse =>
        {
            var sweep = FindSweep(parse.GetValue(sweepArgument)!, parse.GetValue(runs)!);
            var states = PointState.ReadAll(sweep, sweep.ReadPlan());
            cli.Output.WriteLine(sweep.Path);
            cli.Output.Write(SweepStatusTable.Render(states));
            return ExitCodes.Ok;
        });
        return command;
    }

    static Command CollectCommand(CliEnvironment cli)
    {
        var sweepArgument = new Argument<string>("sweep") { Description = "A sweep folder, its name under runs/sweeps/, or an experiment (its newest sweep)." };
        var runs = CliOptions.RunsRoot();
        var rank = new Option<string?>("--rank") { Description = "Order the points by a final metric's mean, e.g. --rank validation/loss; a leading '-' for highest first." };
        var command = new Command("collect", "Compare a sweep's points: each final metric's mean over seeds with its 95 % interval; writes collect/report.md.")
        {
            sweepArgument, runs, rank,
        };
        command.SetAction(parse =>
        {
            var sweep = FindSweep(parse.GetValue(sweepArgument)!, parse.GetValue(runs)!);
            var collection = SweepCollection.Of(sweep);
            cli.Output.WriteLine(sweep.Path);
            if (collection.Groups.All(g => g.Runs.Count == 0))
            {
                cli.Error.WriteLine($"error: no point of {sweep.Path} has finished yet; see: sweep status {sweep.Path}");
                return ExitCodes.Failed;
            }
            string? rankBy = parse.GetValue(rank);
            try
            {
                cli.Output.Write(SweepCollectTable.Render(collection, rankBy));
                cli.Output.WriteLine($"wrote {SweepReport.Write(sweep, collection, rankBy)}");
            }
            catch (ArgumentException e) when (e.Message.StartsWith("--rank", StringComparison.Ordinal))
            {
                throw new UsageException(e.Message);
            }
            return collection.Unfinished.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    public static SweepFolder FindSweep(string reference, string runsRoot) =>
        SweepFolder.Find(reference, runsRoot)
        ?? throw new UsageException($"no sweep '{reference}': give a sweep folder, its name under {Path.Combine(runsRoot, SweepFolder.SweepsFolderName)}, or an experiment with sweeps");

    /// <summary>Runs one point of a saved plan: what the local-process and Slurm launchers start.</summary>
    static Command PointCommand(CliEnvironment cli)
    {
        var folder = new Argument<string>("sweep-folder") { Description = "The sweep's folder (holding sweep.json)." };
        var index = new Option<string>("--index") { Description = "The point's index in the plan.", Required = true };
        var command = new Command("point", "Run (or resume) one point of a planned sweep; used by the sweep's launchers.") { folder, index };
        command.SetAction(parse =>
        {
            if (Environment.GetEnvironmentVariable(ChildCommand.ParentVariable) is { } parent
                && int.TryParse(parent, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parentPid)
                && !Native.Posix.DieWithParent(parentPid))
            {
                cli.Error.WriteLine("error: the sweep that started this point has already exited");
                return ExitCodes.Failed;
            }
            var sweep = new SweepFolder(parse.GetValue(folder)!);
            var plan = sweep.ReadPlan();
            string text = parse.GetValue(index)!;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) || i < 0 || i >= plan.Points.Count)
                throw new UsageException($"--index expects a point of the plan, 0 to {plan.Points.Count - 1}; found '{text}'");
            var point = plan.Points[i];
            var outcome = ProgressFactory.Run(cli.Output, progress => PointRunner.Run(sweep, point, cli.Experiments, progress));
            cli.Output.WriteLine($"{point.Label}: {outcome switch
            {
                PointOutcome.Finished => "finished",
                PointOutcome.AlreadyFinished => "already finished",
                _ => "running in another process; left alone",
            }}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
