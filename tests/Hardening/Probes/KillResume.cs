using System.Diagnostics;
using System.Globalization;
using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// The command line trains in a child process that is killed (SIGKILL) at a random point of training; resume then
/// finishes with exactly the metrics of an uninterrupted run (timings aside), and no file in the run folder is
/// half-written, neither right after the kill nor after the resume. Only a kill that lands while the child still runs
/// counts: a child that finished first is tried again at an earlier point, up to <see cref="AttemptsPerTrial"/> times.
/// </summary>
public static class KillResume
{
    public const int AttemptsPerTrial = 3;

    /// <summary>How long the child may take to write its run folder or a metrics line before it is taken as hung.</summary>
    static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    public static ProbeResult Run(int trials, int seed)
    {
        var failures = new List<string>();
        var killedAt = new List<string>();
        using var folder = new TempFolder();
        var random = new Random(seed);

        string referenceRoot = Path.Combine(folder.Path, "reference");
        var clock = Stopwatch.StartNew();
        var (referenceExit, referenceError) = HostProcess.Run("run", "tiny", "--runs", referenceRoot);
        if (referenceExit != 0) return Result(trials, [$"the uninterrupted run failed: {referenceError}"], killedAt, clock.Elapsed);
        string referenceFolder = RunLocator.Find("tiny", referenceRoot);
        var reference = MetricsLog.Read(Path.Combine(referenceFolder, RunFileNames.Metrics));
        int trainingLines = reference.Count(r => r.Split != "test");

        for (int trial = 0; trial < trials; trial++)
        {
            string label = $"trial {trial}";
            int line = random.Next(1, trainingLines + 1);
            string? run = null, runs = null, problem = null;
            for (int attempt = 0; attempt < AttemptsPerTrial && run is null && problem is null; attempt++)
            {
                runs = Path.Combine(folder.Path, string.Create(CultureInfo.InvariantCulture, $"trial-{trial}-{attempt}"));
                // A random metrics line to wait for, then a random few milliseconds: anywhere inside a step,
                // an evaluation or a checkpoint write. After a child that finished first, an earlier line.
                if (attempt > 0) line = random.Next(1, Math.Max(2, line / 2 + 1));
                (run, problem) = KillAt(runs, line, random.Next(0, 40));
                killedAt.Add(run is not null
                    ? string.Create(CultureInfo.InvariantCulture, $"line {line}/ckpt {CheckpointStep(run)}")
                    : $"line {line}: {problem ?? "finished before the kill, not counted"}");
            }
            if (problem is not null) { failures.Add($"{label}: {problem}"); continue; }
            if (run is null) { failures.Add($"{label}: no kill landed mid-run in {AttemptsPerTrial} attempts (the child finished first each time)"); continue; }
            failures.AddRange(RunFolderIntegrity.Problems(run, allowTornLastMetricsLine: true, allowTemporaryFiles: true).Select(p => $"{label} after the kill: {p}"));

            var (exit, error) = HostProcess.Run("resume", run, "--runs", runs!);
            if (exit != 0) { failures.Add($"{label}: resume failed ({exit}): {error.Trim()}"); continue; }
            failures.AddRange(RunFolderIntegrity.Problems(run, allowTornLastMetricsLine: false, allowTemporaryFiles: false).Select(p => $"{label} after resume: {p}"));
            var resumed = MetricsLog.Read(Path.Combine(run, RunFileNames.Metrics));
            var differences = MetricsComparison.Compare(reference, resumed, MetricsTolerance.Exact);
            failures.AddRange(differences.Take(3).Select(d => $"{label}: step {d.Step} {d.Split} {d.Metric}: uninterrupted {d.Recorded}, resumed {d.Rerun}"));
            if (RunManifest.Read(run).Status != "finished") failures.Add($"{label}: the resumed run's manifest does not say finished");
        }
        return Result(trials, failures, killedAt, clock.Elapsed);
    }

    /// <summary>
    /// Starts a run, waits for metrics line <paramref name="line"/>, sleeps <paramref name="sleepMs"/> and kills it.
    /// Returns the run folder when the kill landed mid-run; null when the child had finished first; or a problem.
    /// </summary>
    static (string? Run, string? Problem) KillAt(string runs, int line, int sleepMs)
    {
        using var process = HostProcess.Start("run", "tiny", "--runs", runs);
        try
        {
            string? run = WaitForRunFolder(runs, process);
            if (run is null)
                return (null, process.HasExited
                    ? $"the child exited ({process.ExitCode}) before writing its run folder"
                    : $"the run folder did not appear within {StepTimeout.TotalSeconds:F0} s");
            if (!WaitForMetricsLine(run, line, process) && !process.HasExited)
                return (null, $"metrics line {line} did not appear within {StepTimeout.TotalSeconds:F0} s");
            Thread.Sleep(sleepMs);
            if (process.HasExited)
                return process.ExitCode == 0 ? (null, null) : (null, $"the child failed ({process.ExitCode}) before the kill");
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromMinutes(1));
            // The child may have finished between the check and the kill: then the kill did not land mid-run.
            return FinishedBeforeTheKill(run) ? (null, null) : (run, null);
        }
        finally
        {
            ChildProcess.Stop(process);
        }
    }

    static bool FinishedBeforeTheKill(string run)
    {
        try { return RunManifest.Read(run).Status == "finished"; }
        catch (InvalidDataException) { return false; }
    }

    static ProbeResult Result(int trials, IReadOnlyList<string> failures, IReadOnlyList<string> killedAt, TimeSpan elapsed) =>
        new("faults", "SIGKILL mid-training, then resume = uninterrupted run", $"{trials} kills at random points, each landed mid-run",
            string.Create(CultureInfo.InvariantCulture,
                $"killed after metrics line / last checkpoint step: {string.Join(", ", killedAt)}; {elapsed.TotalSeconds:F0} s"),
            failures);

    static string? WaitForRunFolder(string runs, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StepTimeout && !process.HasExited)
        {
            string parent = Path.Combine(runs, "tiny");
            if (Directory.Exists(parent)
                && Directory.GetDirectories(parent).FirstOrDefault(d => File.Exists(Path.Combine(d, RunManifest.FileName))) is { } run)
                return run;
            Thread.Sleep(10);
        }
        return Directory.Exists(Path.Combine(runs, "tiny")) ? Directory.GetDirectories(Path.Combine(runs, "tiny")).FirstOrDefault() : null;
    }

    /// <summary>True once the metrics file holds <paramref name="line"/> lines; false when the child exited or time ran out first.</summary>
    static bool WaitForMetricsLine(string run, int line, Process process)
    {
        string metrics = Path.Combine(run, RunFileNames.Metrics);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StepTimeout && !process.HasExited)
        {
            try
            {
                using var stream = new FileStream(metrics, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                int count = 0;
                while (reader.ReadLine() is not null) count++;
                if (count >= line) return true;
            }
            catch (FileNotFoundException) { }
            Thread.Sleep(2);
        }
        return false;
    }

    static string CheckpointStep(string run)
    {
        string checkpoint = Path.Combine(run, TrainingCheckpoint.FileName);
        try { return File.Exists(checkpoint) ? TrainingCheckpoint.ReadStep(checkpoint).ToString(CultureInfo.InvariantCulture) : "none"; }
        catch (InvalidDataException) { return "damaged"; }
    }
}
