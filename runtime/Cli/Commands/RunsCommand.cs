using System.CommandLine;
using DslRunner.Runs;

namespace DslRunner.Cli.Commands;

/// <summary><c>runs ls</c>: the run folders under a runs root, with their overrides and final metrics, filtered and sorted.</summary>
public static class RunsCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment (its variants and sweep points included)." };
        var where = new Option<string[]>("--where") { Description = $"Keep runs where {RunCondition.Expected} (repeatable; all must hold)." };
        var sort = new Option<string?>("--sort") { Description = "Sort by a metric or key, e.g. --sort validation/loss; a leading '-' sorts descending. Default: run id." };
        var markdown = new Option<bool>("--markdown") { Description = "Print a Markdown table." };
        var runs = CliOptions.RunsRoot();
        var ls = new Command("ls", "List the runs under the runs folder with their overrides and final metrics (read from each run's manifest).")
        {
            experiment, where, sort, markdown, runs,
        };
        ls.SetAction(parse =>
        {
            List<RunCondition> conditions;
            try
            {
                conditions = [.. (parse.GetValue(where) ?? []).Select(RunCondition.Parse)];
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }
            string? sortKey = parse.GetValue(sort);
            if (sortKey is "" or "-") throw new UsageException("--sort expects a metric or key, e.g. validation/loss or -test/loss");
            IReadOnlyList<ListedRun> listed;
            IReadOnlyList<string> skipped;
            try
            {
                listed = RunListing.List(parse.GetValue(runs)!, parse.GetValue(experiment), conditions, sortKey, out skipped);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            foreach (string reason in skipped) cli.Error.WriteLine($"warning: skipped {reason}");
            cli.Output.Write(RunsTable.Render(listed, [.. conditions.Select(c => c.Key), .. sortKey is null ? Array.Empty<string>() : [sortKey]], parse.GetValue(markdown)));
            return ExitCodes.Ok;
        });
        return new Command("runs", "Find runs again: list them across the runs folder.") { ls };
    }
}
