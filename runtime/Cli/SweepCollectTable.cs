using System.Text;
using DslRunner.Runs;
using DslRunner.Sweeps;

namespace DslRunner.Cli;

/// <summary>
/// A collected sweep as a table: one line per group with its finished seeds and the headline final metrics as mean
/// [95 % interval] over those seeds; then the statistic used and the points left out. Timings stay in the report.
/// </summary>
public static class SweepCollectTable
{
    public static string Render(SweepCollection collection, string? rank = null)
    {
        var columns = SweepTable.Columns.Where(c => !MetricsComparison.IsTiming(c) && collection.Compared.Contains(c))
            .Concat(rank is null ? [] : [rank.TrimStart('-')]).Distinct().ToList();
        var rows = new List<string[]> { (string[])["point", "seeds", .. columns] };
        foreach (var group in collection.Ranked(rank))
            rows.Add([group.Group, $"{group.Seeds.Count}/{group.Planned}",
                .. columns.Select(c => group.Metrics.TryGetValue(c, out var e) ? SweepReport.Cell(e) : "—")]);
        var text = new StringBuilder(SweepPlanTable.Align(rows));
        text.Append("each cell: ").Append(SweepCollection.Statistic).Append('\n');
        if (rank is not null) text.Append("ranked by ").Append(rank.TrimStart('-')).Append(rank.StartsWith('-') ? ", highest first\n" : ", lowest first\n");
        var constants = collection.Constants.Where(c => !MetricsComparison.IsTiming(c.Key)).ToList();
        if (constants.Count > 0)
            text.Append("the same in every run: ").AppendJoin(", ", constants.Select(c => $"{c.Key} {Statistics.Numbers.Format(c.Value)}")).Append('\n');
        if (collection.Unfinished.Count > 0)
            text.Append("not finished, left out: ")
                .AppendJoin(", ", collection.Unfinished.Select(s =>
                    $"{s.Point.Label} ({s.Phase.ToString().ToLowerInvariant()}{(s.Phase == PointPhase.Failed && s.Detail is { } why ? ": " + why.ReplaceLineEndings(" ") : "")})"))
                .Append('\n').Append(FailedPointLogs.Render(collection.Unfinished));
        return text.ToString();
    }
}
