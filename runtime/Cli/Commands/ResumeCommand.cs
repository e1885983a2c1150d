using System.CommandLine;
using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Cli.Commands;

public static class ResumeCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var run = CliOptions.Run();
        var runs = CliOptions.RunsRoot();
        var command = new Command("resume", "Continue a stopped run from its last checkpoint.") { run, runs };
        command.SetAction(parse =>
        {
            string folder = RunLocator.Find(parse.GetValue(run)!, parse.GetValue(runs)!);
            var manifest = RunManifest.Read(folder);
            if (manifest.Status == "finished")
            {
                // Nothing is resumed, but a damaged file is still reported, never passed over.
                string checkpoint = Path.Combine(folder, Training.TrainingCheckpoint.FileName);
                MetricsLog.Verify(Path.Combine(folder, RunFileNames.Metrics),
                    File.Exists(checkpoint) ? Training.TrainingCheckpoint.ReadStep(checkpoint) : 0);
                // A write killed after the run finished (a report, a summary) leaves its temporary sibling; the record is whole.
                foreach (string stale in Directory.GetFiles(folder, "*.tmp"))
                {
                    File.Delete(stale);
                    cli.Output.WriteLine($"removed {Path.GetFileName(stale)}, left by a killed write");
                }
                cli.Output.WriteLine($"{folder} finished at {manifest.FinishedAt:yyyy-MM-dd HH:mm:ss}: nothing to resume; its manifest, metrics and checkpoint are left as they are");
                return ExitCodes.Ok;
            }
            var experiment = cli.ForRun(manifest);
            var outcome = ProgressFactory.Run(cli.Output, progress => ExperimentRunner.Resume(experiment, folder, progress));
            RunCommand.PrintOutcome(cli.Output, outcome);
            return ExitCodes.Ok;
        });
        return command;
    }
}
