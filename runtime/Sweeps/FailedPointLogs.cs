namespace DslRunner.Sweeps;

/// <summary>The last lines of each failed point's log, shown under the tables that list the point (status, collect, study).</summary>
public static class FailedPointLogs
{
    public const int Lines = 8;

    public static string Render(IEnumerable<PointState> states)
    {
        var text = new System.Text.StringBuilder();
        foreach (var state in states.Where(s => s.Phase == PointPhase.Failed && s.Log is not null && File.Exists(s.Log)))
        {
            var tail = Tail(state.Log!, Lines);
            if (tail.Count == 0) continue;
            text.Append($"last lines of {state.Point.Label}'s log ({state.Log}):\n");
            foreach (string line in tail) text.Append("  ").Append(line).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The last <paramref name="count"/> non-blank lines of a file (read from its end: logs can be long).</summary>
    public static IReadOnlyList<string> Tail(string path, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long start = Math.Max(0, stream.Length - 16 * 1024);
        stream.Seek(start, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (start > 0 && lines.Count > 0) lines.RemoveAt(0);   // the first line read may be cut
        return lines.TakeLast(count).ToList();
    }
}
