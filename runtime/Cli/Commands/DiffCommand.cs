using System.CommandLine;
using DslRunner.Runs;

namespace DslRunner.Cli.Commands;

public static class DiffCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var left = new Argument<string>("a") { Description = "An experiment name, or a run (folder, experiment/run-id, experiment/latest)." };
        var right = new Argument<string>("b") { Description = "The other side." };
        var markdown = new Option<bool>("--markdown") { Description = "Markdown, ready to paste into a pull request." };
        var runs = CliOptions.RunsRoot();
        var command = new Command("diff", "Show the resolved-config differences and the metric deltas between two experiments or runs.")
        {
            left, right, markdown, runs,
        };
        command.SetAction(parse =>
        {
            string root = parse.GetValue(runs)!;
            var diff = ExperimentDiff.Between(Side(cli, parse.GetValue(left)!, root), Side(cli, parse.GetValue(right)!, root));
            cli.Output.Write(parse.GetValue(markdown) ? DiffRenderer.Markdown(diff) : DiffRenderer.Text(diff));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A declared experiment's name means its declaration; anything else must name a run.</summary>
    static DiffSide Side(CliEnvironment cli, string reference, string runsRoot)
    {
        if (cli.Find(reference) is { } experiment) return DiffSide.FromExperiment(experiment);
        return DiffSide.FromRun(RunLocator.TryFind(reference, runsRoot)
            ?? throw new UsageException($"'{reference}' is neither a run nor a declared experiment: {cli.NoExperiment(reference.Split('/')[0])}"));
    }
}
