using System.Diagnostics;
using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// A full disk and a read-only run folder end the run with a clear error and leave the earlier files whole. Root
/// ignores file permissions, so the folders are made read-only and full for real: a read-only bind mount and a
/// small tmpfs. Where mounting is not permitted the probe reports itself skipped (after the /dev/full check of the
/// append path, whose failure still fails it); as root, under CI, that skip fails.
/// </summary>
public static class DiskFaults
{
    static readonly IExperiment Tiny = new TestExperiment(TestExperiment.Tiny(seed: 9, steps: 30));

    public static ProbeResult Run()
    {
        var failures = new List<string>();
        var figures = new List<string>();
        DevFull(failures);
        figures.Add("metrics append to /dev/full: IOException");
        using var folder = new TempFolder();
        string mountPoint = Path.Combine(folder.Path, "mount");
        Directory.CreateDirectory(mountPoint);
        if (Mount(["-t", "tmpfs", "-o", "size=360k", "tmpfs", mountPoint]) is { } refused)
        {
            if (failures.Count > 0) return Result(failures, figures);
            return ProbeResult.Skipped("faults", Property, Tried, $"mounting a tmpfs is not permitted here ({refused})",
                runnableHere: Environment.IsPrivilegedProcess);
        }
        try
        {
            DiskFull(mountPoint, failures, figures);
        }
        finally
        {
            Mount(["-l", mountPoint], "umount");
        }
        ReadOnly(folder.Path, failures, figures);
        return Result(failures, figures);
    }

    const string Property = "disk full / read-only folder: clear error, files intact";
    const string Tried = "/dev/full, 360 KB tmpfs, read-only bind mount";

    static ProbeResult Result(List<string> failures, List<string> figures) => new("faults", Property, Tried, string.Join("; ", figures), failures);

    static void DevFull(List<string> failures)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, RunFileNames.Metrics);
        File.CreateSymbolicLink(path, "/dev/full");
        try
        {
            using var log = new MetricsLog(path);
            log.Train(1, 1.0, [("cross_entropy", 1.0)], 0.01, 100);
            failures.Add("writing metrics to /dev/full raised no error");
        }
        catch (IOException e) when (e.Message.Contains("No space left on device", StringComparison.Ordinal)) { }
    }

    static void DiskFull(string mountPoint, List<string> failures, List<string> figures)
    {
        var (exit, _, error) = Cli("run", "tiny", "--runs", mountPoint);
        figures.Add($"disk full: exit {exit}, \"{error.Trim().Split('\n')[0]}\"");
        if (exit != ExitCodes.Failed) failures.Add($"disk full: exit {exit}, expected {ExitCodes.Failed}");
        if (!error.Contains("No space left on device", StringComparison.Ordinal)) failures.Add($"disk full: unclear error: {error.Trim()}");
        string run = RunLocator.Find("tiny", mountPoint);
        failures.AddRange(RunFolderIntegrity.Problems(run, allowTornLastMetricsLine: true, allowTemporaryFiles: false).Select(p => "disk full: " + p));

        if (Mount(["-o", "remount,size=64m", mountPoint]) is { } refused) { failures.Add($"disk full: freeing space failed ({refused})"); return; }
        var resumed = Cli("resume", run, "--runs", mountPoint);
        if (resumed.Exit != ExitCodes.Ok) { failures.Add($"disk full: resume after freeing space failed: {resumed.Error.Trim()}"); return; }
        var reference = Cli("run", "tiny", "--runs", Path.Combine(mountPoint, "reference"));
        var differences = MetricsComparison.Compare(
            MetricsLog.Read(Path.Combine(RunLocator.Find("tiny", Path.Combine(mountPoint, "reference")), RunFileNames.Metrics)),
            MetricsLog.Read(Path.Combine(run, RunFileNames.Metrics)), MetricsTolerance.Exact);
        if (reference.Exit != ExitCodes.Ok || differences.Count > 0)
            failures.Add($"disk full: after freeing space, resume differs from an uninterrupted run in {differences.Count} metrics");
        else figures.Add("resume after freeing space = uninterrupted run");
    }

    static void ReadOnly(string root, List<string> failures, List<string> figures)
    {
        string source = Path.Combine(root, "writable"), mountPoint = Path.Combine(root, "read-only");
        Directory.CreateDirectory(mountPoint);
        // An interrupted run: resuming it must write, and a finished one would have nothing to resume.
        try
        {
            ExperimentRunner.Run(Tiny, source, new StopAfter(15));
            failures.Add("read-only: the interrupted run did not stop");
            return;
        }
        catch (StopAfter.Stopped)
        {
        }
        string run = RunLocator.Find("tiny", source);
        var hashes = Directory.GetFiles(run, "*", SearchOption.AllDirectories).ToDictionary(f => f, FileHash.Sha256);
        if ((Mount(["--bind", source, mountPoint]) ?? Mount(["-o", "remount,ro,bind", mountPoint])) is { } refused)
        {
            failures.Add($"read-only: the bind mount failed ({refused})");
            return;
        }
        try
        {
            string readOnlyRun = Path.Combine(mountPoint, Path.GetRelativePath(source, run));
            foreach (var args in new[] { new[] { "resume", readOnlyRun, "--runs", mountPoint }, ["run", "tiny", "--runs", mountPoint] })
            {
                var (exit, _, error) = Cli(args);
                figures.Add($"read-only {args[0]}: exit {exit}, \"{error.Trim().Split('\n')[0]}\"");
                if (exit != ExitCodes.Failed || !error.Contains("Read-only file system", StringComparison.Ordinal))
                    failures.Add($"read-only {args[0]}: exit {exit}, error {error.Trim()}");
            }
        }
        finally
        {
            Mount(["-l", mountPoint], "umount");
        }
        foreach (var (file, hash) in hashes)
            if (!File.Exists(file) || FileHash.Sha256(file) != hash) failures.Add($"read-only: {Path.GetFileName(file)} changed");
    }

    /// <summary>Ends a run after a step, as a kill would: the checkpoint before it stays, the manifest says running.</summary>
    sealed class StopAfter(int step) : IRunProgress
    {
        public sealed class Stopped : Exception;

        public void Message(string text) { }

        public void Step(int current, int totalSteps, double loss, double? validationLoss, double tokensPerSecond)
        {
            if (current >= step) throw new Stopped();
        }

        public void Sample(DslRunner.Training.Sample sample) { }
    }

    static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DslRunnerCli.Run(args, [Tiny], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs mount or umount; null when it succeeded, else why not.</summary>
    static string? Mount(string[] arguments, string command = "mount")
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            var (exit, _, error) = ChildProcess.Run(start, TimeSpan.FromSeconds(30));
            return exit == 0 ? null : $"{command} exited with {exit}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{command} could not be run: {e.Message}";
        }
        catch (TimeoutException e)
        {
            return e.Message;
        }
    }
}
