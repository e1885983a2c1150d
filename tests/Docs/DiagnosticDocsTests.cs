using System.Globalization;
using System.Text.RegularExpressions;
using DslRunner.Generator.Diagnostics;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Docs;

/// <summary>
/// The diagnostics the docs name come from the catalog: generator/README.md's table is generated from it (accept a new
/// one with the snapshot variable set), and README.md's ranges of IDs end at the catalog's last experiment and study IDs.
/// </summary>
public sealed partial class DiagnosticDocsTests
{
    const string Begin = "<!-- diagnostics: generated from DiagnosticCatalog -->\n";
    const string End = "<!-- end of diagnostics -->\n";

    /// <summary>The table: one row a diagnostic, its ID and title, warnings marked.</summary>
    public static string Table() =>
        "| ID | Meaning |\n|---|---|\n"
        + string.Concat(DiagnosticCatalog.All.Select(e => $"| {e.Id} | {e.Title.Replace("|", "\\|", StringComparison.Ordinal)}{(e.IsWarning ? " (warning)" : "")} |\n"));

    [Fact]
    public void The_generator_readme_lists_every_diagnostic_of_the_catalog()
    {
        string path = Path.Combine(Snapshot.RepositoryRoot(), "generator", "README.md");
        string text = File.ReadAllText(path).ReplaceLineEndings("\n");
        int begin = text.IndexOf(Begin, StringComparison.Ordinal), end = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{path} has no generated diagnostics table between '{Begin.Trim()}' and '{End.Trim()}'");
        string listed = text[(begin + Begin.Length)..end];
        if (listed != Table() && Snapshot.Accepting())
        {
            File.WriteAllText(path, text[..(begin + Begin.Length)] + Table() + text[end..]);
            return;
        }
        Assert.Equal(Table(), listed);
    }

    [Fact]
    public void The_readmes_ranges_of_diagnostics_end_at_the_catalogs_last_ones()
    {
        var ids = DiagnosticCatalog.All.Select(e => int.Parse(e.Id[3..], CultureInfo.InvariantCulture)).ToList();
        int lastExperiment = ids.Where(id => id < 50).Max(), lastStudy = ids.Where(id => id >= 50).Max();
        string text = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "README.md"));

        var ranges = Range().Matches(text).Select(m => (First: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Last: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

        Assert.NotEmpty(ranges);
        Assert.All(ranges, range => Assert.Equal(range.First < 50 ? lastExperiment : lastStudy, range.Last));
    }

    /// <summary>A range of IDs as the README writes one: <c>`DSL0001`…`DSL0034`</c>.</summary>
    [GeneratedRegex(@"`DSL(\d{4})`…`DSL(\d{4})`")]
    private static partial Regex Range();
}
