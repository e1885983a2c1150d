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

    /// <summary>Everything the process wrote to standard output and error so far.</summary>
    public static string Output(Process process)
    {
        var output = Outputs[process.Id];
        lock (output) return output.ToString();
    }
}
