using System.Globalization;
using System.Text;
using DslRunner.RunFiles;

namespace DslRunner.Sweeps;

/// <summary>
/// Submits the points as one Slurm job array (task id = the point's plan index); each task runs this program's
/// <c>sweep point</c> into the shared runs root, with the submitting shell's environment (<c>--export=ALL</c>) and the
/// settings of the point's numeric mode. Tasks are requeueable and get the warning signal USR1 before their time limit
/// (<c>--signal=B:USR1@s</c>: the batch script only, which forwards it, and SIGTERM likewise); the program then
/// checkpoints at its next step and exits with 75, and a warned task requeues itself (<c>scontrol requeue</c>) up to
/// <see cref="LauncherSettings.MaxRequeues"/> times. A requeued task resumes from that checkpoint. Logs are appended to,
/// so one log holds every attempt of a task.
/// </summary>
public sealed class SlurmLauncher(LauncherSettings settings, ChildCommand child)
{
    public string ScriptPath(SweepFolder sweep) => Path.Combine(sweep.Path, "sweep.sbatch");

    /// <summary>Writes the sbatch script for these points next to the plan.</summary>
    public string WriteScript(SweepFolder sweep, SweepPlan plan, IReadOnlyList<SweepPoint> points)
    {
        Directory.CreateDirectory(sweep.LogsFolder);
        var text = new StringBuilder("#!/bin/bash\n");
        text.Append($"#SBATCH --job-name=dslrunner-{plan.FolderName}\n");
        text.Append($"#SBATCH --array={string.Join(',', points.Select(p => p.Index.ToString(CultureInfo.InvariantCulture)))}")
            .Append(settings.MaxParallel is { } most ? $"%{most.ToString(CultureInfo.InvariantCulture)}" : "").Append('\n');
        text.Append($"#SBATCH --output={Path.Combine(sweep.LogsFolder, "slurm-%A_%a.log")}\n");
        text.Append("#SBATCH --open-mode=append\n");
        text.Append($"#SBATCH --chdir={Directory.GetCurrentDirectory()}\n");
        text.Append("#SBATCH --export=ALL\n");
        text.Append("#SBATCH --requeue\n");
        text.Append($"#SBATCH --signal=B:USR1@{settings.WarnSeconds.ToString(CultureInfo.InvariantCulture)}\n");
        if (settings.Partition is { } partition) text.Append($"#SBATCH --partition={partition}\n");
        if (settings.Time is { } time) text.Append($"#SBATCH --time={time}\n");
        text.Append($"#SBATCH --cpus-per-task={(settings.CpusPerTask ?? points.Max(p => p.Threads)).ToString(CultureInfo.InvariantCulture)}\n");
        if (settings.Memory is { } memory) text.Append($"#SBATCH --mem={memory}\n");
        text.Append(ModeLines(points));
        text.Append(SignalLines.Replace("MAX", settings.MaxRequeues.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        text.AppendJoin(' ', [Quote(child.FileName), .. child.ForPoint(sweep, "PLACEHOLDER").Select(Quote)]).Append(" &\n");
        text.Append(WaitLines.Replace("INTERRUPTED", Training.TrainingInterruptedException.ExitCode.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        string script = text.ToString().Replace("'PLACEHOLDER'", "\"$SLURM_ARRAY_TASK_ID\"", StringComparison.Ordinal);
        string path = ScriptPath(sweep);
        AtomicFile.WriteAllText(path, script);
        return path;
    }

    public SlurmSubmission Submit(SweepFolder sweep, SweepPlan plan, IReadOnlyList<SweepPoint> points)
    {
        string script = WriteScript(sweep, plan, points);
        var submission = new SlurmSubmission(SlurmCluster.Submit(script), [.. points.Select(p => p.Index)], script, DateTimeOffset.UtcNow);
        SlurmSubmissions.Add(sweep, submission);
        return submission;
    }

    /// <summary>Waits until no task of any job array the sweep submitted is queued or running (requeued tasks included).</summary>
    public static void WaitAll(SweepFolder sweep)
    {
        foreach (var submission in SlurmSubmissions.Read(sweep)) Wait(submission.JobId, TimeSpan.FromSeconds(1));
    }

    /// <summary>Waits until no task of the job is queued or running, polling <c>squeue</c> (not <c>sbatch --wait</c>, which polls slowly and can lose exit codes).</summary>
    public static void Wait(string jobId, TimeSpan poll)
    {
        while (SlurmCluster.InQueue(jobId)) Thread.Sleep(poll);
    }

    /// <summary>
    /// Each task's numeric mode as shell lines before the program starts, so the settings are in the task's native
    /// environment before libtorch loads (whatever the submitting shell had); one block per mode when points differ.
    /// </summary>
    static string ModeLines(IReadOnlyList<SweepPoint> points)
    {
        var modes = points.GroupBy(p => p.Mode).OrderBy(g => g.Key).ToList();
        if (modes.Count == 1) return Native.NumericPins.ShellLines(modes[0].Key);
        var text = new StringBuilder("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        foreach (var mode in modes)
        {
            text.Append("  ").AppendJoin('|', mode.Select(p => p.Index.ToString(CultureInfo.InvariantCulture))).Append(")\n");
            foreach (string line in Native.NumericPins.ShellLines(mode.Key).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                text.Append("    ").Append(line).Append('\n');
            text.Append("    ;;\n");
        }
        return text.Append("esac\n").ToString();
    }

    /// <summary>Before the program starts: forward the stop signals to it, note the warning.</summary>
    const string SignalLines = """
        max_requeues=MAX
        task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
        echo "dslrunner: task $task starts on $(hostname) at $(date -u +%FT%TZ) (restart ${SLURM_RESTART_COUNT:-0})"
        warned=0
        trap 'warned=1; echo "dslrunner: task $task got the warning signal (USR1)"; kill -USR1 "$child" 2>/dev/null' USR1
        trap 'echo "dslrunner: task $task got SIGTERM"; kill -TERM "$child" 2>/dev/null' TERM

        """;

    /// <summary>After: wait through the traps for the program's own exit; a warned, interrupted task requeues itself.</summary>
    const string WaitLines = """
        child=$!
        while kill -0 "$child" 2>/dev/null; do wait "$child"; done
        wait "$child"; status=$?
        if [ "$status" -eq INTERRUPTED ] && [ "$warned" -eq 1 ]; then
          if [ "${SLURM_RESTART_COUNT:-0}" -lt "$max_requeues" ]; then
            echo "dslrunner: task $task checkpointed; requeueing it (requeue $(( ${SLURM_RESTART_COUNT:-0} + 1 )) of at most $max_requeues)"
            scontrol requeue "$task" && exit 0
            echo "dslrunner: task $task could not be requeued; run the sweep or study again to resume it"
          else
            echo "dslrunner: task $task checkpointed; not requeued: it has restarted $max_requeues times (--max-requeues); run the sweep or study again to resume it"
          fi
        fi
        exit "$status"

        """;

    static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
