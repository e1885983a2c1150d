using System.Globalization;
using System.Text;
using DslRunner.RunFiles;

namespace DslRunner.Runs;

/// <summary>
/// One SHA-256 over every metric of a run except clock figures (step, split, name and the exact value, in log
/// order): equal hashes mean bit-identical metrics, so two machines can compare a run in one line.
/// </summary>
public static class MetricsHash
{
    public static string Of(IEnumerable<MetricsRecord> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
            foreach (var (metric, value) in record.Values.Where(v => !MetricsComparison.IsTiming(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal))
                text.Append(CultureInfo.InvariantCulture, $"{record.Step} {record.Split} {metric} {value:R}\n");
        return FileHash.Sha256Text(text.ToString());
    }
}
