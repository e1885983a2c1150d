using System.CommandLine;

namespace DslRunner.Cli;

/// <summary>Options shared by several commands.</summary>
public static class CliOptions
{
    public static Option<string> RunsRoot() => new("--runs")
    {
        Description = "Folder that holds the run folders.",
        DefaultValueFactory = _ => "runs",
    };
}
