using System.CommandLine;
using System.Diagnostics;
using DslRunner.Studies;
using DslRunner.Sweeps;

namespace DslRunner.Cli.Commands;

public static class StudyCommand
{
    public static Command Create(CliEnvironment cli, IReadOnlyList<IStudy> studies)
    {
        var name = new Argument<string>("name") { Description = "The study to run, or 'list' to list them." };
        var runs = CliOptions.RunsRoot();
        var budget = new Option<string>("--budget")
        {
            Description = "A declared study's budget: quick (the default, ≤ 10 minutes on 2 cores) or full (see 'study list' for its runtime).",
            DefaultValueFactory = _ => StudyDefinition.QuickBudget,
        };
        var launcherOptions = new LauncherOptions();
        var command = new Command("study", "Run a study: a seed's claims as experiments, with a verdict report.") { name, runs, budget };
        launcherOptions.AddTo(command);
        command.SetAction(parse =>
        {
            string studyName = parse.GetValue(name)!;
            if (studyName == "list")
            {
                int width = studies.Select(s => s.Name.Length).DefaultIfEmpty(0).Max() + 2;
                foreach (var listed in studies.OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    cli.Output.WriteLine($"{listed.Name.PadRight(width)}{listed.Description}");
                    if (listed is DeclaredStudy declared)
                        cli.Output.WriteLine($"{"".PadRight(width)}declared: {declared.Definition.Arms.Count} arms × {declared.Definition.Seeds.Count} seeds" +
                                             (declared.Definition.DataSeeds is { } texts ? $" × {texts.Count} texts" : "") + ", " +
                                             $"{declared.Definition.Claims.Count} claims, {declared.Definition.Controls.Count} controls; budgets: " +
                                             string.Join(", ", declared.BudgetNames.Select(b =>
                                                 $"{b}{(b == StudyDefinition.QuickBudget ? " (default)" : "")}: " +
                                                 (StudyRuntimes.Read(Path.Combine(parse.GetValue(runs)!, "studies", listed.Name)).TryGetValue(b, out var last)
                                                     ? $"last run {last}" : "not run here yet"))));
                }
                return ExitCodes.Ok;
            }
            var study = studies.FirstOrDefault(s => s.Name == studyName)
                ?? throw new UsageException(CliEnvironment.NotFound("study", studyName, studies.Select(s => s.Name).ToList(), "study list"));
            string budgetName = parse.GetValue(budget)!;
            var budgets = study is DeclaredStudy d ? d.BudgetNames : [StudyDefinition.QuickBudget];
            if (!budgets.Contains(budgetName))
                throw new UsageException($"study '{study.Name}' has no budget '{budgetName}'; it has: {string.Join(", ", budgets)}.");
            var launcher = launcherOptions.Read(parse);
            int? jobCount = launcher.Jobs > 0 ? launcher.Jobs : null;
            if ((jobCount is not null || launcher.Kind == LauncherKind.Slurm) && study is not DeclaredStudy)
                throw new UsageException($"{(jobCount is not null ? "--jobs" : "--launcher slurm")} applies to declared studies; '{study.Name}' runs in this process");
            string folder = Path.Combine(parse.GetValue(runs)!, "studies", study.Name);
            var clock = Stopwatch.StartNew();
            StudyReport report;
            try
            {
                report = ProgressFactory.Run(cli.Output, progress =>
                    study.Run(new StudyContext(folder, progress)
                    {
                        BudgetName = budgetName,
                        Processes = jobCount is { } n ? output => new LocalProcessLauncher(n, ChildCommand.Current(), output) : null,
                        Slurm = launcher.Kind == LauncherKind.Slurm
                            ? new SlurmArms(launcher, parse.GetValue(launcherOptions.Emit), parse.GetValue(launcherOptions.Wait))
                            : null,
                        Child = ChildCommand.Current(),
                    }));
            }
            catch (ArmsSubmittedException submitted)
            {
                cli.Output.WriteLine(submitted.Message);
                return ExitCodes.Ok;
            }
            string path = StudyReportWriter.Write(report with { WallTime = clock.Elapsed }, folder);
            // A study that reused finished runs only re-judged them: its wall time says nothing of the budget's runtime.
            // Nor does one whose runs went to a cluster, where they ran side by side on other machines.
            if (launcher.Kind == LauncherKind.Slurm) cli.Output.WriteLine($"runtime of budget '{budgetName}' not recorded: the runs ran on Slurm");
            else if (report.ReusedRuns == 0) StudyRuntimes.Record(folder, budgetName, clock.Elapsed);
            else cli.Output.WriteLine($"runtime of budget '{budgetName}' not recorded: {report.ReusedRuns} run(s) were reused, not trained");
            cli.Output.WriteLine();
            foreach (var claim in report.Claims)
                cli.Output.WriteLine($"[{ClaimResult.Describe(claim.Verdict)}] {claim.Claim}: {claim.Measured}");
            cli.Output.WriteLine($"wrote {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
