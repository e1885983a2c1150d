using System.Diagnostics;
using System.Globalization;
using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// The command line trains in a child process that is killed (SIGKILL) at a random point of training; resume then
/// finishes with exactly the metrics of an uninterrupted run (timings aside), and no file in the run folder is
/// half-written, neither right after the kill nor after the resume.
/// </summary>
public static class KillResume
{
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
        var reference = MetricsLog.Read(Path.Combine(referenceFolder, ExperimentRunner.MetricsFileName));
        int trainingLines = reference.Count(r => r.Split != "test");

        for (int trial = 0; trial < trials; trial++)
        {
            string runs = Path.Combine(folder.Path, "trial-" + trial.ToString(CultureInfo.InvariantCulture));
            string label = $"trial {trial}";
            using (var process = HostProcess.Start("run", "tiny", "--runs", runs))
            {
                string? run = WaitForRunFolder(runs, process);
                if (run is null) { failures.Add($"{label}: the run folder never appeared"); continue; }
                // A random metrics line to wait for, then a random few milliseconds: anywhere inside a step,
                // an evaluation or a checkpoint write.
                int line = random.Next(1, trainingLines + 1);
                WaitForMetricsLine(run, line, process);
                Thread.Sleep(random.Next(0, 40));
                bool finishedFirst = process.HasExited;
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                killedAt.Add(finishedFirst ? "finished" : string.Create(CultureInfo.InvariantCulture, $"line {line}/ckpt {CheckpointStep(run)}"));
                failures.AddRange(RunFolderIntegrity.Problems(run, allowTornLastMetricsLine: true, allowTemporaryFiles: true).Select(p => $"{label} after the kill: {p}"));

                var (exit, error) = HostProcess.Run("resume", run, "--runs", runs);
                if (exit != 0) { failures.Add($"{label}: resume failed ({exit}): {error.Trim()}"); continue; }
                failures.AddRange(RunFolderIntegrity.Problems(run, allowTornLastMetricsLine: false, allowTemporaryFiles: false).Select(p => $"{label} after resume: {p}"));
                var resumed = MetricsLog.Read(Path.Combine(run, ExperimentRunner.MetricsFileName));
                var differences = MetricsComparison.Compare(reference, resumed, MetricsTolerance.Exact);
                failures.AddRange(differences.Take(3).Select(d => $"{label}: step {d.Step} {d.Split} {d.Metric}: uninterrupted {d.Recorded}, resumed {d.Rerun}"));
                if (RunManifest.Read(run).Status != "finished") failures.Add($"{label}: the resumed run's manifest does not say finished");
            }
        }
        return Result(trials, failures, killedAt, clock.Elapsed);
    }

    static ProbeResult Result(int trials, IReadOnlyList<string> failures, IReadOnlyList<string> killedAt, TimeSpan elapsed) =>
        new("faults", "SIGKILL mid-training, then resume = uninterrupted run", $"{trials} kills at random points",
            string.Create(CultureInfo.InvariantCulture,
                $"killed after metrics line / last checkpoint step: {string.Join(", ", killedAt)}; {elapsed.TotalSeconds:F0} s"),
            failures);

    static string? WaitForRunFolder(string runs, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            string parent = Path.Combine(runs, "tiny");
            if (Directory.Exists(parent)
                && Directory.GetDirectories(parent).FirstOrDefault(d => File.Exists(Path.Combine(d, RunManifest.FileName))) is { } run)
                return run;
            Thread.Sleep(10);
        }
        return Directory.Exists(Path.Combine(runs, "tiny")) ? Directory.GetDirectories(Path.Combine(runs, "tiny")).FirstOrDefault() : null;
    }

    static void WaitForMetricsLine(string run, int line, Process process)
    {
        string metrics = Path.Combine(run, ExperimentRunner.MetricsFileName);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
        {
            try
            {
                using var stream = new FileStream(metrics, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                int count = 0;
                while (reader.ReadLine() is not null) count++;
                if (count >= line) return;
            }
            catch (FileNotFoundException) { }
            Thread.Sleep(2);
        }
    }

    static string CheckpointStep(string run)
    {
        string checkpoint = Path.Combine(run, TrainingCheckpoint.FileName);
        try { return File.Exists(checkpoint) ? TrainingCheckpoint.ReadStep(checkpoint).ToString(CultureInfo.InvariantCulture) : "none"; }
        catch (InvalidDataException) { return "damaged"; }
    }
}
