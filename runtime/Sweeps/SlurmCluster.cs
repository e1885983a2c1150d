using System.Diagnostics;
using System.Globalization;

namespace DslRunner.Sweeps;

/// <summary>One array task as Slurm reports it: its state and, once ended, its exit code (<c>code:signal</c>).</summary>
public sealed record SlurmTask(string JobId, int Index, string State, string? ExitCode)
{
    public bool Active => State is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "SUSPENDED" or "REQUEUED" or "RESIZING";

    /// <summary>How the task ended, in words: "slurm task 12_3 failed, exit code 1" or "… cancelled, killed by signal 9 (SIGKILL)".</summary>
    public string Ending => $"slurm task {JobId}_{Index} {State.ToLowerInvariant()}, {DescribeExit(ExitCode)}";

    /// <summary>Slurm's <c>code:signal</c> in words.</summary>
    public static string DescribeExit(string? exitCode)
    {
        var parts = (exitCode ?? "").Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int code) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int signal))
            return $"exit code {exitCode ?? "unknown"}";
        if (signal != 0) return $"killed by signal {signal}{(SignalNames.TryGetValue(signal, out string? name) ? $" ({name})" : "")}";
        // The batch script passes on the program's own exit; 75 is the program's "interrupted, resumable" (EX_TEMPFAIL).
        return code == Training.TrainingInterruptedException.ExitCode ? $"exit code {code} ({Training.TrainingInterruptedException.ExitMeaning})" : $"exit code {code}";
    }

    static readonly Dictionary<int, string> SignalNames = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [6] = "SIGABRT", [7] = "SIGBUS", [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1", [11] = "SIGSEGV", [15] = "SIGTERM",
    };
}

/// <summary>
/// Talks to Slurm through its command-line clients: <c>sbatch</c> to submit, <c>squeue</c> for what is queued or
/// running, <c>scontrol show job</c> for each task's state and exit code (kept for MinJobAge after it ends; no
/// accounting database is needed). <c>sacct</c> is not used: it needs accounting.
/// </summary>
public static class SlurmCluster
{
    /// <summary>Whether a cluster answers: <c>sinfo</c> runs and lists a node. The reason when it does not.</summary>
    public static (bool Answers, string Reason) Probe()
    {
        var (exit, output, error) = Run("sinfo", "-h", "-o", "%N %T");
        if (exit is null) return (false, "sinfo is not installed (no Slurm client on this machine)");
        if (exit != 0) return (false, $"sinfo failed ({exit}): {error.Trim()}");
        return output.Trim().Length == 0 ? (false, "sinfo lists no node") : (true, output.Trim());
    }

    /// <returns>The job id of the submitted script.</returns>
    /// <exception cref="InvalidOperationException">sbatch is missing or refused the script.</exception>
    public static string Submit(string script)
    {
        var (exit, output, error) = Run("sbatch", "--parsable", script);
        if (exit is null) throw new InvalidOperationException("sbatch is not installed: --launcher slurm needs the Slurm client commands");
        if (exit != 0) throw new InvalidOperationException($"sbatch refused {script}: {error.Trim()}");
        return output.Trim().Split(';')[0];
    }

    /// <summary>Whether any task of the job is still queued or running (<c>squeue -h -j</c> lists it).</summary>
    public static bool InQueue(string jobId)
    {
        var (exit, output, _) = Run("squeue", "-h", "-j", jobId, "-o", "%i");
        return exit == 0 && output.Trim().Length > 0;
    }

    /// <summary>Each task of an array job that Slurm still knows, from <c>scontrol show job</c>.</summary>
    public static IReadOnlyList<SlurmTask> Tasks(string jobId)
    {
        var (exit, output, _) = Run("scontrol", "-o", "show", "job", jobId);
        if (exit != 0) return [];
        var tasks = new List<SlurmTask>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.First()[1]);
            if (!fields.TryGetValue("ArrayTaskId", out string? task) || !fields.TryGetValue("JobState", out string? state)) continue;
            // A pending array shows its remaining tasks as one record: "ArrayTaskId=2-3" or "1,3".
            foreach (int index in Expand(task))
                tasks.Add(new SlurmTask(jobId, index, state, state == "PENDING" ? null : fields.GetValueOrDefault("ExitCode")));
        }
        return tasks;
    }

    static IEnumerable<int> Expand(string ids)
    {
        foreach (string part in ids.Split('%')[0].Split(','))
        {
            var range = part.Split('-');
            if (range.Length == 2 && int.TryParse(range[0], CultureInfo.InvariantCulture, out int from) && int.TryParse(range[1], CultureInfo.InvariantCulture, out int to))
                for (int i = from; i <= to; i++) yield return i;
            else if (int.TryParse(part, CultureInfo.InvariantCulture, out int single)) yield return single;
        }
    }

    /// <returns>The exit code (null when the command is not installed), standard output and standard error.</returns>
    static (int? Exit, string Output, string Error) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "", "");
        }
    }
}
