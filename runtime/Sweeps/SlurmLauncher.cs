using System.Globalization;
using System.Text;
using DslRunner.RunFiles;

namespace DslRunner.Sweeps;

/// <summary>
/// Submits the points as one Slurm job array (task id = the point's plan index); each task runs this program's
/// <c>sweep point</c> into the shared runs root, with the submitting shell's environment (<c>--export=ALL</c>) and the
/// settings of the point's numeric mode.
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
        text.Append($"#SBATCH --array={string.Join(',', points.Select(p => p.Index.ToString(CultureInfo.InvariantCulture)))}\n");
        text.Append($"#SBATCH --output={Path.Combine(sweep.LogsFolder, "slurm-%A_%a.log")}\n");
        text.Append($"#SBATCH --chdir={Directory.GetCurrentDirectory()}\n");
        text.Append("#SBATCH --export=ALL\n");
        if (settings.Partition is { } partition) text.Append($"#SBATCH --partition={partition}\n");
        if (settings.Time is { } time) text.Append($"#SBATCH --time={time}\n");
        text.Append($"#SBATCH --cpus-per-task={(settings.CpusPerTask ?? points.Max(p => p.Threads)).ToString(CultureInfo.InvariantCulture)}\n");
        if (settings.Memory is { } memory) text.Append($"#SBATCH --mem={memory}\n");
        text.Append(ModeLines(points));
        text.Append("exec ").AppendJoin(' ', [Quote(child.FileName), .. child.ForPoint(sweep, "PLACEHOLDER").Select(Quote)]).Append('\n');
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

    static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
