using System.CommandLine;
using DslRunner.Runs;

namespace DslRunner.Cli.Commands;

public static class ReportCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var runsArgument = new Argument<string[]>("runs") { Description = "One or more runs (folder, experiment/run-id, experiment).", Arity = ArgumentArity.OneOrMore };
        var runs = CliOptions.RunsRoot();
        var output = new Option<string?>("--out") { Description = "Where to write a side-by-side report of several runs (default: runs/reports/<ids>)." };
        var command = new Command("report", "Rebuild a run's report.md and plots; several runs side by side.") { runsArgument, runs, output };
        command.SetAction(parse =>
        {
            string root = parse.GetValue(runs)!;
            var folders = parse.GetValue(runsArgument)!.Select(r => RunLocator.Find(r, root)).ToList();
            if (folders.Count == 1)
            {
                string path = RunReport.Write(folders[0]);
                cli.Output.WriteLine($"wrote {path}");
                return ExitCodes.Ok;
            }
            string target = parse.GetValue(output) ?? Path.Combine(root, "reports", string.Join("_vs_", folders.Select(Path.GetFileName)));
            string comparison = RunReport.WriteComparison(folders, target);
            cli.Output.WriteLine($"wrote {comparison}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
