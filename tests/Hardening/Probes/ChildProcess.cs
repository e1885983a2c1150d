using System.Diagnostics;
using System.Globalization;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>Child processes of the probes: every wait is bounded, and a child past its time is killed with its children.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="start"/> to the end; returns its exit code, standard output and standard error.</summary>
    /// <exception cref="TimeoutException">It ran past <paramref name="timeout"/> (it was killed).</exception>
    public static (int Exit, string Output, string Error) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            Stop(process);
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout.TotalSeconds:F0} s and was killed"));
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Kills a child and its children if it is still running, and waits (bounded) for it to go.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // it exited meanwhile
        process.WaitForExit(10_000);
    }
}
