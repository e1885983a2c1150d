using System.Diagnostics;

namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// Runs the dslrunner command line (the experiments project's build output, copied beside the tests) as a child
/// process: a fresh process is the only way to load libtorch in another numeric mode than this one's.
/// </summary>
public static class CliProcess
{
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "dslrunner.dll");

    /// <param name="environment">Variables to set (a null value removes the variable) in the child only.</param>
    public static (int Exit, string Output, string Error) Run(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AssemblyPath);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dslrunner");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(DslRunnerProcess.Patience))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(TimeSpan.FromSeconds(30));
            Assert.Fail($"dslrunner {string.Join(' ', arguments)} did not exit within {DslRunnerProcess.Patience.TotalSeconds:F0} s and was killed; it wrote:\n" +
                        (output.IsCompleted ? output.Result : "") + (error.IsCompleted ? error.Result : ""));
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
