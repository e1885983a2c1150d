using System.Reflection;

namespace DslRunner.Sweeps;

/// <summary>How to start this program again as a child process or a Slurm task: an executable and leading arguments.</summary>
public sealed record ChildCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Set by a launcher in each child: the launcher's process id (the child dies with it).</summary>
    public const string ParentVariable = "DSLRUNNER_SWEEP_PARENT";

    /// <summary>This process's own command: its app host, or <c>dotnet &lt;entry assembly&gt;</c> when started through dotnet.</summary>
    public static ChildCommand Current()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("this process's executable is unknown");
        bool throughDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (!throughDotnet) return new ChildCommand(host, []);
        string entry = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("this process's entry assembly is unknown");
        return new ChildCommand(host, [entry]);
    }

    /// <summary>The command line that runs one point of a sweep.</summary>
    public IReadOnlyList<string> ForPoint(SweepFolder sweep, string index) => [.. Arguments, "sweep", "point", sweep.Path, "--index", index];
}
