namespace DslRunner.Sweeps;

/// <summary>Each point's state: planned, running (by whom), finished, or failed with its error, its log and the log's last lines.</summary>
public static class SweepStatusTable
{
    public static string Render(IReadOnlyList<PointState> states)
    {
        var rows = new List<string[]> { new[] { "#", "point", "state", "run folder", "detail" } };
        foreach (var state in states)
        {
            string detail = string.Join("; ", new[] { state.Detail, state.Log is null ? null : "log " + state.Log }.Where(d => d is not null));
            rows.Add([state.Point.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), state.Point.Label,
                state.Phase.ToString().ToLowerInvariant(), state.Folder ?? "—", detail.Length == 0 ? "—" : detail.ReplaceLineEndings(" ")]);
        }
        var counts = states.GroupBy(s => s.Phase).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        return SweepPlanTable.Align(rows) + string.Join(", ", counts) + "\n" + FailedPointLogs.Render(states);
    }
}
