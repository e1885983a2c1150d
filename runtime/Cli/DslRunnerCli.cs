using System.CommandLine;
using System.Globalization;
using DslRunner.Runs;

namespace DslRunner.Cli;

/// <summary>The command line: <c>list</c> and <c>run &lt;name&gt;</c>.</summary>
public static class DslRunnerCli
{
    public const int ExitOk = 0, ExitUsage = 2, ExitFailed = 1;

    public static int Run(string[] args, IReadOnlyList<IExperiment> experiments, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("DslRunner: declare, run and review language-model experiments.");
        root.Subcommands.Add(ListCommand(experiments, output));
        root.Subcommands.Add(RunCommand(experiments, output, error));
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    static Command ListCommand(IReadOnlyList<IExperiment> experiments, TextWriter output)
    {
        var command = new Command("list", "List the declared experiments.");
        command.SetAction(_ =>
        {
            foreach (var experiment in experiments.OrderBy(e => e.Config.Name, StringComparer.Ordinal))
                output.WriteLine($"{experiment.Config.Name,-28} {experiment.Config.Description}");
            return ExitOk;
        });
        return command;
    }

    static Command RunCommand(IReadOnlyList<IExperiment> experiments, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "The experiment to run (see 'list')." };
        var runs = new Option<string>("--runs") { Description = "Folder that holds the run folders.", DefaultValueFactory = _ => "runs" };
        var command = new Command("run", "Train and evaluate one experiment, writing a run folder.") { name, runs };
        command.SetAction(parse =>
        {
            string wanted = parse.GetValue(name)!;
            var experiment = experiments.FirstOrDefault(e => e.Config.Name == wanted);
            if (experiment is null)
            {
                error.WriteLine($"error: no experiment named '{wanted}'. Known: {string.Join(", ", experiments.Select(e => e.Config.Name).Order(StringComparer.Ordinal))}.");
                return ExitUsage;
            }
            var outcome = ExperimentRunner.Run(experiment, parse.GetValue(runs), new ConsoleProgress(output));
            var culture = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(culture, $"final validation loss {outcome.Training.FinalEvaluation.Loss:F4} (perplexity {outcome.Training.FinalEvaluation.Perplexity:F2}), test loss {outcome.Evaluation.Metrics["loss"]:F4}"));
            output.WriteLine(string.Create(culture, $"{outcome.Training.TokensPerSecond:N0} tokens/s over {outcome.Training.WallTime.TotalSeconds:F1} s"));
            output.WriteLine($"wrote {outcome.Folder}");
            return ExitOk;
        });
        return command;
    }
}
