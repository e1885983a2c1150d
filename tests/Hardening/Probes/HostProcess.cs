using System.Diagnostics;
using System.Reflection;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>Starts the hardening host (the DslRunner command line over <see cref="HostedExperiments"/>) as a child process.</summary>
public static class HostProcess
{
    const string AssemblyName = "DslRunner.Hardening";

    /// <summary>Far longer than a tiny run takes on a busy machine; a child still running then is hung.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The host's assembly: this process's own when it is the suite, else the suite's build output of the same configuration.</summary>
    public static string AssemblyPath
    {
        get
        {
            if (Assembly.GetEntryAssembly() is { } entry && entry.GetName().Name == AssemblyName) return entry.Location;
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            int bin = Array.LastIndexOf(parts, "bin");
            string configuration = bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
            string path = Path.Combine(RepositoryFiles.Root, "tests", "Hardening.Suite", "bin", configuration, "net10.0", AssemblyName + ".dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"build tests/Hardening.Suite first: {path} is missing", path);
        }
    }

    static ProcessStartInfo StartInfo(string[] commandLine, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add("host");
        foreach (string argument in commandLine) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        return start;
    }

    /// <summary>Starts the host; the caller bounds its waits and stops it with <see cref="ChildProcess.Stop"/>.</summary>
    public static Process Start(params string[] commandLine)
    {
        var process = Process.Start(StartInfo(commandLine, null)) ?? throw new InvalidOperationException("could not start the hardening host");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the host to the end (at most <see cref="Timeout"/>); returns its exit code and standard error.</summary>
    public static (int Exit, string Error) Run(params string[] commandLine) => Run(null, commandLine);

    public static (int Exit, string Error) Run(IReadOnlyDictionary<string, string?>? environment, params string[] commandLine)
    {
        var (exit, _, error) = ChildProcess.Run(StartInfo(commandLine, environment), Timeout);
        return (exit, error);
    }

    /// <summary>Runs the host to the end (at most <paramref name="timeout"/>); returns its exit code, standard output and standard error.</summary>
    public static (int Exit, string Output, string Error) Run(IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] commandLine) =>
        ChildProcess.Run(StartInfo(commandLine, environment), timeout);
}
