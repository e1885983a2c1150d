using System.CommandLine;
using DslRunner.Cli.Commands;
using DslRunner.Studies;
using DslRunner.Training;

namespace DslRunner.Cli;

/// <summary>The command line: list, run, resume, rerun, diff, sweep, runs, report, study, and the commands an executable adds.</summary>
public static class DslRunnerCli
{
    public static int Run(
        string[] args, IReadOnlyList<IExperiment> experiments, TextWriter? output = null, TextWriter? error = null,
        IReadOnlyList<IStudy>? studies = null, IEnumerable<Command>? commands = null)
    {
        var cli = new CliEnvironment(experiments, output ?? Console.Out, error ?? Console.Error);
        var root = new RootCommand("DslRunner: declare, run and review language-model experiments.")
        {
            ListCommand.Create(cli),
            RunCommand.Create(cli),
            ResumeCommand.Create(cli),
            RerunCommand.Create(cli),
            DiffCommand.Create(cli),
            SweepCommand.Create(cli),
            RunsCommand.Create(cli),
            DataCommand.Create(cli),
            NumericCommand.Create(cli),
            ReportCommand.Create(cli),
            StudyCommand.Create(cli, studies ?? []),
        };
        foreach (var command in commands ?? []) root.Subcommands.Add(command);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0) return UsageErrors(parsed, root, cli.Error);
        StopSignals.Listen();
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = cli.Output, Error = cli.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is TrainingInterruptedException or Sweeps.LaunchInterruptedException)
        {
            cli.Error.WriteLine(e.Message);
            return ExitCodes.Interrupted;
        }
        catch (UsageException e)
        {
            cli.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException
                                     or UnauthorizedAccessException or TrainingDivergedException or ArgumentException
                                     or Data.Corpora.CorpusFetchException)
        {
            cli.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// A command line the parser refused (an unknown command or option, a missing or extra argument): each problem on a
    /// line, the closest command for an unknown one, and exit code 2 — never the whole help.
    /// </summary>
    static int UsageErrors(ParseResult parsed, RootCommand root, TextWriter error)
    {
        foreach (var problem in parsed.Errors) error.WriteLine("error: " + problem.Message);
        if (parsed.CommandResult.Command == root && parsed.UnmatchedTokens.FirstOrDefault() is { } unknown)
        {
            var names = root.Subcommands.Select(c => c.Name).ToList();
            if (Generator.Binding.DidYouMean.Closest(unknown, names) is { } closest)
                error.WriteLine($"'{unknown}' is not a command; did you mean '{closest}'?");
        }
        string command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
        error.WriteLine($"see 'dslrunner {command}--help'");
        return ExitCodes.Usage;
    }
}
