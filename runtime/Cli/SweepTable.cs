using System.Globalization;
using System.Text;
using DslRunner.Runs;

namespace DslRunner.Cli;

/// <summary>One line per run of a sweep: its name and its headline results.</summary>
public static class SweepTable
{
    public static IReadOnlyList<string> Columns { get; } = ["validation/loss", "test/loss", "test/capacity", "tokens_per_second"];

    /// <param name="labels">A name per run (e.g. a sweep point with its seed); the manifest's experiment when null.</param>
    public static string Render(IReadOnlyList<string> folders, IReadOnlyList<string>? labels = null)
    {
        var manifests = folders.Select(RunManifest.Read).ToList();
        var names = labels ?? manifests.Select(m => m.Experiment).ToList();
        int width = Math.Max(10, names.Max(n => n.Length) + 2);
        var text = new StringBuilder();
        text.Append("run".PadRight(width)).AppendJoin("", Columns.Select(c => c.PadLeft(20))).Append('\n');
        foreach (var (manifest, name) in manifests.Zip(names))
        {
            text.Append(name.PadRight(width));
            foreach (string column in Columns)
                text.Append((manifest.Results.TryGetValue(column, out double value)
                    ? value.ToString(Math.Abs(value) >= 1000 ? "N0" : "0.0000", CultureInfo.InvariantCulture)
                    : "—").PadLeft(20));
            text.Append('\n');
        }
        return text.ToString();
    }
}
