using System.Diagnostics;
using System.Globalization;
using DslRunner.Training;

namespace DslRunner.Sweeps;

/// <summary>
/// Runs points as separate processes, <c>jobs</c> at a time, so one crash cannot take the others down. Each child
/// inherits this process's environment with the point's numeric mode applied (<see cref="SweepPoint.Mode"/>), writes
/// its output to the point's log, and is killed by Linux when this process dies (it asks for that itself on start, see
/// <see cref="ChildCommand.ParentVariable"/>).
/// </summary>
public sealed class LocalProcessLauncher(int jobs, ChildCommand child, TextWriter output) : ISweepLauncher
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public IReadOnlyList<PointLaunch> Launch(SweepFolder sweep, IReadOnlyList<SweepPoint> points)
    {
        Directory.CreateDirectory(sweep.LogsFolder);
        var waiting = new Queue<SweepPoint>(points);
        var running = new List<(SweepPoint Point, Process Process, Stopwatch Clock)>();
        var launches = new List<PointLaunch>();
        var progress = new SweepProgress(points);
        // Processes are started from this thread only: Linux's parent-death signal follows the thread that forked.
        bool forwarded = false;
        while (waiting.Count > 0 || running.Count > 0)
        {
            // A stop signal: no new point starts, and the running ones are asked to checkpoint and stop (a child of a
            // terminal's Ctrl-C has had the signal already; one of a scheduler's SIGTERM to this process has not).
            if (StopSignals.Requested is not null && !forwarded)
            {
                forwarded = true;
                waiting.Clear();
                foreach (var (point, process, _) in running)
                {
                    output.WriteLine($"{point.Label}: asking pid {process.Id} to checkpoint and stop");
                    Native.Posix.Terminate(process.Id);
                }
            }
            while (running.Count < jobs && waiting.TryDequeue(out var next))
            {
                running.Add((next, Start(sweep, next), Stopwatch.StartNew()));
                output.WriteLine($"started {progress.Started(next)} (log {sweep.LogPath(next)})");
            }
            Thread.Sleep(Poll);
            foreach (var (point, process, clock) in running.Where(r => r.Process.HasExited).ToList())
            {
                process.WaitForExit();
                clock.Stop();
                int exit = process.ExitCode;
                process.Dispose();
                running.RemoveAll(r => r.Point == point);
                string? error = exit == 0 ? null : string.Create(CultureInfo.InvariantCulture,
                    $"exit code {exit}{(exit == TrainingInterruptedException.ExitCode ? $" ({TrainingInterruptedException.ExitMeaning})" : "")}; see {sweep.LogPath(point)}");
                launches.Add(new PointLaunch(point, exit == 0, clock.Elapsed, error));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(exit == 0 ? "finished" : "failed")} {point.Label} in {clock.Elapsed.TotalSeconds:F1} s{(error is null ? "" : ": " + error)}"));
                output.WriteLine($"-- {progress.Ended(point)}");
            }
        }
        return launches;
    }

    Process Start(SweepFolder sweep, SweepPoint point)
    {
        // sh replaces itself with the child (exec), so the child's parent is this process and its output goes to the log.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(sweep.LogPath(point));
        start.ArgumentList.Add(child.FileName);
        foreach (string argument in child.ForPoint(sweep, point.Index.ToString(CultureInfo.InvariantCulture))) start.ArgumentList.Add(argument);
        start.Environment[ChildCommand.ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // The point's numeric mode reaches the child's native environment before its libtorch loads.
        Native.NumericPins.ApplyTo(start, point.Mode);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start a process for {point.Label}");
    }
}
