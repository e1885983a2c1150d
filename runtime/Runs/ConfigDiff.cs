using DslRunner.Config;

namespace DslRunner.Runs;

/// <summary>One DSL key whose value differs between two configs (null = absent on that side).</summary>
public sealed record ConfigChange(string Path, string? Left, string? Right);

public static class ConfigDiff
{
    public static IReadOnlyList<ConfigChange> Compare(ExperimentConfig left, ExperimentConfig right)
    {
        var a = ConfigPaths.Flatten(left);
        var b = ConfigPaths.Flatten(right);
        return [.. a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Select(path => new ConfigChange(path, a.GetValueOrDefault(path), b.GetValueOrDefault(path)))
            .Where(change => change.Left != change.Right)];
    }
}
