using DslRunner.Statistics;
using System.CommandLine;
using System.Diagnostics;
using DslRunner.Studies;

namespace DslRunner.Cli.Commands;

public static class StudyCommand
{
    public static Command Create(CliEnvironment cli, IReadOnlyList<IStudy> studies)
    {
        var name = new Argument<string>("name") { Description = "The study to run, or 'list' to list them." };
        var runs = CliOptions.RunsRoot();
        var command = new Command("study", "Run a study: a seed's claims as experiments, with a verdict report.") { name, runs };
        command.SetAction(parse =>
        {
            string studyName = parse.GetValue(name)!;
            if (studyName == "list")
            {
                int width = studies.Select(s => s.Name.Length).DefaultIfEmpty(0).Max() + 2;
                foreach (var listed in studies.OrderBy(s => s.Name, StringComparer.Ordinal))
                    cli.Output.WriteLine($"{listed.Name.PadRight(width)}{listed.Description}");
                return ExitCodes.Ok;
            }
            var study = studies.FirstOrDefault(s => s.Name == studyName)
                ?? throw new UsageException($"no study named '{studyName}'. Known: {string.Join(", ", studies.Select(s => s.Name).Order(StringComparer.Ordinal))}.");
            string folder = Path.Combine(parse.GetValue(runs)!, "studies", study.Name);
            var clock = Stopwatch.StartNew();
            var report = ProgressFactory.Run(cli.Output, progress => study.Run(new StudyContext(folder, progress, StudyBudget.Declared)));
            string path = StudyReportWriter.Write(report with { WallTime = clock.Elapsed }, folder);
            cli.Output.WriteLine();
            foreach (var claim in report.Claims)
                cli.Output.WriteLine($"[{ClaimResult.Describe(claim.Verdict)}] {claim.Claim}: {claim.Measured}");
            cli.Output.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
