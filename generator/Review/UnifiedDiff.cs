using System.Text;

namespace DslRunner.Review;

/// <summary>A line diff in unified format (<c>---</c>/<c>+++</c> headers, <c>@@</c> hunks with three lines of context).</summary>
internal static class UnifiedDiff
{
    const int Context = 3;

    /// <summary>Above this many cells the middle of two files is shown as replaced whole rather than aligned line by line.</summary>
    const long MaxAlignmentCells = 16_000_000;

    /// <summary>The diff, or null when the texts are equal.</summary>
    public static string? Between(string? before, string? after, string beforeLabel, string afterLabel)
    {
        if (before == after) return null;
        var a = Lines(before);
        var b = Lines(after);
        var edits = Align(a, b);
        var text = new StringBuilder();
        text.Append("--- ").Append(beforeLabel).Append('\n').Append("+++ ").Append(afterLabel).Append('\n');
        foreach (var hunk in Hunks(edits))
        {
            int oldStart = hunk[0].OldLine, newStart = hunk[0].NewLine;
            int oldCount = hunk.Count(e => e.Kind != '+'), newCount = hunk.Count(e => e.Kind != '-');
            text.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            foreach (var edit in hunk) text.Append(edit.Kind).Append(edit.Text).Append('\n');
        }
        return text.ToString();
    }

    static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <param name="Kind">' ' kept, '-' only before, '+' only after.</param>
    /// <param name="OldLine">Zero-based line in the old text where this edit sits (for hunk headers).</param>
    readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

    /// <summary>Common prefix and suffix kept, the middle aligned by a longest common subsequence.</summary>
    static List<Edit> Align(string[] a, string[] b)
    {
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix]) suffix++;

        var edits = new List<Edit>();
        for (int i = 0; i < prefix; i++) edits.Add(new Edit(' ', a[i], i, i));
        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        if ((long)n * m > MaxAlignmentCells)
        {
            for (int i = 0; i < n; i++) edits.Add(new Edit('-', a[prefix + i], prefix + i, prefix));
            for (int j = 0; j < m; j++) edits.Add(new Edit('+', b[prefix + j], prefix + n, prefix + j));
        }
        else
        {
            // lengths[i, j]: the longest common subsequence of a[prefix+i..] and b[prefix+j..].
            var lengths = new int[n + 1, m + 1];
            for (int i = n - 1; i >= 0; i--)
                for (int j = m - 1; j >= 0; j--)
                    lengths[i, j] = a[prefix + i] == b[prefix + j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y]) { edits.Add(new Edit(' ', a[prefix + x], prefix + x, prefix + y)); x++; y++; }
                else if (x < n && (y == m || lengths[x + 1, y] >= lengths[x, y + 1])) { edits.Add(new Edit('-', a[prefix + x], prefix + x, prefix + y)); x++; }
                else { edits.Add(new Edit('+', b[prefix + y], prefix + x, prefix + y)); y++; }
            }
        }
        for (int i = 0; i < suffix; i++)
            edits.Add(new Edit(' ', a[a.Length - suffix + i], a.Length - suffix + i, b.Length - suffix + i));
        return edits;
    }

    static IEnumerable<List<Edit>> Hunks(List<Edit> edits)
    {
        var changed = edits.Select((e, i) => (e, i)).Where(p => p.e.Kind != ' ').Select(p => p.i).ToList();
        int index = 0;
        while (index < changed.Count)
        {
            int start = Math.Max(0, changed[index] - Context);
            int end = changed[index];
            while (index + 1 < changed.Count && changed[index + 1] - end <= 2 * Context) end = changed[++index];
            index++;
            end = Math.Min(edits.Count - 1, end + Context);
            yield return edits.GetRange(start, end - start + 1);
        }
    }
}
