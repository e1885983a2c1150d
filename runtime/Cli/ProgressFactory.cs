using DslRunner.Runs;
using Spectre.Console;
using DslRunner.Training;

namespace DslRunner.Cli;

/// <summary>
/// A live progress bar (step, loss, tokens/s, ETA) on an interactive terminal; plain lines when the output is
/// redirected, under CI, or when the output is not the console.
/// </summary>
public static class ProgressFactory
{
    public static T Run<T>(TextWriter output, Func<IRunProgress, T> body)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            && Environment.GetEnvironmentVariable("CI") is null && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive) return body(new ConsoleProgress(output));

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => body(new SpectreProgress(context)));
    }
}
