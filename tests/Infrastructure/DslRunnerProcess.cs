using System.Diagnostics;

namespace DslRunner.Tests.Infrastructure;

/// <summary>Starts the experiments' <c>dslrunner</c> executable (built next to the tests) as a child process.</summary>
public static class DslRunnerProcess
{
    public static string Executable =>
        Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dslrunner.exe" : "dslrunner");

    /// <summary>Starts it with standard output and error collected (read them after exit with <see cref="Output"/>).</summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dslrunner");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Outputs[process.Id] = output;
        return process;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Text.StringBuilder> Outputs = new();

    /// <summary>How long a test waits for a child before it kills it: minutes beyond what any test's child needs.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Waits for <paramref name="process"/> to exit; past <paramref name="timeout"/> (<see cref="Patience"/>) kills it and
    /// its children and fails the test with everything it wrote.
    /// </summary>
    public static void Wait(Process process, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Patience;
        if (process.WaitForExit(limit))
        {
            process.WaitForExit(); // and its redirected output has been read to the end
            return;
        }
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Fail($"dslrunner {string.Join(' ', process.StartInfo.ArgumentList)} did not exit within {limit.TotalSeconds:F0} s and was killed; it wrote:\n{Output(process)}");
    }

    /// <summary>Waits until what the process wrote matches <paramref name="pattern"/> (a regular expression); fails the test if it exits or times out first.</summary>
    public static void WaitForOutput(Process process, string pattern, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!System.Text.RegularExpressions.Regex.IsMatch(Output(process), pattern, System.Text.RegularExpressions.RegexOptions.Multiline))
        {
            if (process.HasExited || clock.Elapsed > (timeout ?? Patience))
                Assert.Fail($"dslrunner {string.Join(' ', process.StartInfo.ArgumentList)} {(process.HasExited ? "exited" : "went on")} without writing /{pattern}/; it wrote:\n{Output(process)}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Everything the process wrote to standard output and error so far.</summary>
    public static string Output(Process process)
    {
        var output = Outputs[process.Id];
        lock (output) return output.ToString();
    }
}
