using DslRunner.Runs;

namespace DslRunner.Sweeps;

/// <summary>How a point of a saved plan differs from the same point planned again: its changed keys, or added / removed.</summary>
public sealed record PointChange(string Label, string What, IReadOnlyList<ConfigChange> Keys);

public static class PlanChanges
{
    /// <summary>Points (matched by label) whose resolved config differs, that are new, or that are gone.</summary>
    public static IReadOnlyList<PointChange> Between(SweepPlan saved, SweepPlan planned)
    {
        var changes = new List<PointChange>();
        foreach (var point in planned.Points)
        {
            var before = saved.Points.FirstOrDefault(p => p.Label == point.Label);
            if (before is null) changes.Add(new PointChange(point.Label, "added", []));
            else if (!RunManifest.IsHashOf(before.ConfigHash, point.Config)) changes.Add(new PointChange(point.Label, "changed", ConfigDiff.Compare(before.Config, point.Config)));
        }
        changes.AddRange(saved.Points.Where(p => planned.Points.All(q => q.Label != p.Label)).Select(p => new PointChange(p.Label, "removed", [])));
        return changes;
    }

    public static string Describe(IReadOnlyList<PointChange> changes) => string.Concat(changes.Select(change =>
        change.Keys.Count == 0
            ? $"  {change.Label}: {change.What}\n"
            : $"  {change.Label}: {string.Join(", ", change.Keys.Select(k => $"{k.Path} {k.Left ?? "(absent)"} → {k.Right ?? "(absent)"}"))}\n"));
}
