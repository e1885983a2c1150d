using System.CommandLine;
using DslRunner.Reports;
using DslRunner.Runs;

namespace DslRunner.Cli.Commands;

public static class SweepCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var name = new Argument<string>("name") { Description = "The experiment whose variants and sweep points to run." };
        var runs = CliOptions.RunsRoot();
        var command = new Command("sweep", "Run an experiment and every variant and sweep point, then compare them.") { name, runs };
        command.SetAction(parse =>
        {
            string experimentName = parse.GetValue(name)!;
            var experiment = cli.Resolve(experimentName, null);
            var members = new List<IExperiment> { experiment };
            members.AddRange(cli.DerivedOf(experimentName));
            string root = parse.GetValue(runs)!;
            var folders = new List<string>();
            foreach (var member in members)
            {
                string? variant = member == experiment ? null : member.Config.Name[(experimentName.Length + 1)..];
                cli.Output.WriteLine($"== {member.Config.Name}");
                var outcome = ProgressFactory.Run(cli.Output, progress => ExperimentRunner.Run(member, root, progress, variant));
                folders.Add(outcome.Folder!);
            }
            string report = RunReport.WriteComparison(folders, Path.Combine(root, RunFolder.SafeName(experimentName), "sweep-" + Path.GetFileName(folders[0])));
            cli.Output.WriteLine();
            cli.Output.Write(SweepTable.Render(folders));
            cli.Output.WriteLine($"wrote {report}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
