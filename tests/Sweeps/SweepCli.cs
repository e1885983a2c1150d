using DslRunner.Cli;
using DslRunner.Experiments;

namespace DslRunner.Tests.Sweeps;

/// <summary>The command line in this process over the declared experiments.</summary>
static class SweepCli
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DslRunnerCli.Run(args, ExperimentRegistry.All, output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }
}
