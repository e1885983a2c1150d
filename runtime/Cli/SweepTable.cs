using System.Globalization;
using System.Text;
using DslRunner.Runs;

namespace DslRunner.Cli;

/// <summary>One line per run of a sweep: its name and its headline results.</summary>
public static class SweepTable
{
    static readonly string[] Columns = ["validation/loss", "test/loss", "test/capacity", "tokens_per_second"];

    public static string Render(IReadOnlyList<string> folders)
    {
        var manifests = folders.Select(RunManifest.Read).ToList();
        int width = Math.Max(10, manifests.Max(m => m.Experiment.Length) + 2);
        var text = new StringBuilder();
        text.Append("run".PadRight(width)).AppendJoin("", Columns.Select(c => c.PadLeft(20))).Append('\n');
        foreach (var manifest in manifests)
        {
            text.Append(manifest.Experiment.PadRight(width));
            foreach (string column in Columns)
                text.Append((manifest.Results.TryGetValue(column, out double value)
                    ? value.ToString(Math.Abs(value) >= 1000 ? "N0" : "0.0000", CultureInfo.InvariantCulture)
                    : "—").PadLeft(20));
            text.Append('\n');
        }
        return text.ToString();
    }
}
