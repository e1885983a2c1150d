using System.Text;

namespace DslRunner.Sweeps;

/// <summary>One axis of a command-line grid: a DSL key path and the values it takes, each written as in <c>--set</c>.</summary>
public sealed record GridAxis(string Key, IReadOnlyList<string> Values);

/// <summary>
/// <c>sweep --grid key=v1,v2 …</c>: axes whose product is run at every declared point. Each value becomes a <c>key=value</c>
/// override, so it is checked exactly as <c>--set</c> is; commas inside brackets, braces or quotes do not split values
/// (<c>--grid 'model={kind: lstm, hidden: 16},{kind: transformer}'</c>).
/// </summary>
public static class SweepGrid
{
    /// <summary>The most points a grid may have, as for a declared <c>sweep</c>.</summary>
    public const int MaximumPoints = 256;

    /// <exception cref="FormatException">An argument that is not <c>key=v1,v2</c>, an empty value, a key given twice, or too many points.</exception>
    public static IReadOnlyList<GridAxis> Parse(IReadOnlyList<string> arguments)
    {
        var axes = new List<GridAxis>();
        foreach (string argument in arguments)
        {
            int equals = argument.IndexOf('=');
            if (equals <= 0 || equals == argument.Length - 1)
                throw new FormatException($"--grid expects key=v1,v2,… e.g. --grid train.optimizer.lr=1e-3,3e-3; found '{argument}'");
            string key = argument[..equals].Trim();
            var values = SplitValues(argument[(equals + 1)..]);
            if (values.Any(v => v.Length == 0))
                throw new FormatException($"--grid {argument}: a value between commas is empty");
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
                throw new FormatException($"--grid {argument}: a value is given twice");
            if (axes.Any(a => a.Key == key)) throw new FormatException($"--grid names '{key}' twice; give its values in one --grid");
            axes.Add(new GridAxis(key, values));
        }
        long points = axes.Aggregate(1L, (product, axis) => product * axis.Values.Count);
        if (points > MaximumPoints) throw new FormatException($"--grid makes {points} points; at most {MaximumPoints} are allowed");
        return axes;
    }

    /// <summary>Every combination of the axes' values, first axis slowest: its label (<c>key=v,key2=w</c>) and its overrides.</summary>
    public static IReadOnlyList<(string Label, IReadOnlyList<string> Overrides)> Points(IReadOnlyList<GridAxis> axes)
    {
        IEnumerable<IReadOnlyList<(string Key, string Value)>> combinations = [[]];
        foreach (var axis in axes)
            combinations = combinations.SelectMany(prefix => axis.Values.Select(value => (IReadOnlyList<(string, string)>)[.. prefix, (axis.Key, value)]));
        return [.. combinations.Select(point => (
            string.Join(",", point.Select(p => $"{p.Key}={p.Value}")),
            (IReadOnlyList<string>)[.. point.Select(p => $"{p.Key}={p.Value}")]))];
    }

    /// <summary>The text split at commas outside brackets, braces and quotes; each value trimmed.</summary>
    static List<string> SplitValues(string text)
    {
        var values = new List<string>();
        var current = new StringBuilder();
        int depth = 0;
        char? quote = null;
        foreach (char c in text)
        {
            if (quote is { } open)
            {
                if (c == open) quote = null;
            }
            else if (c is '"' or '\'') quote = c;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
            else if (c == ',' && depth == 0)
            {
                values.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        values.Add(current.ToString().Trim());
        return values;
    }
}
