using System.CommandLine;
using DslRunner.Runs;

namespace DslRunner.Cli.Commands;

public static class ResumeCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var run = new Argument<string>("run") { Description = "Run folder, experiment/run-id, or experiment (its latest run)." };
        var runs = CliOptions.RunsRoot();
        var command = new Command("resume", "Continue a stopped run from its last checkpoint.") { run, runs };
        command.SetAction(parse =>
        {
            string folder = RunLocator.Find(parse.GetValue(run)!, parse.GetValue(runs)!);
            var manifest = RunManifest.Read(folder);
            var experiment = cli.ForRun(manifest);
            var outcome = ProgressFactory.Run(cli.Output, progress => ExperimentRunner.Resume(experiment, folder, progress));
            RunCommand.PrintOutcome(cli.Output, outcome);
            return ExitCodes.Ok;
        });
        return command;
    }
}
