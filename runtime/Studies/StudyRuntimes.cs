using System.Globalization;
using System.Text.Json;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Studies;

/// <summary>
/// The measured wall time of a study's last run per budget, kept beside its report (<c>runtimes.json</c>), so `study list`
/// states a runtime only where one was measured, with the CPU and load it was measured on.
/// </summary>
public static class StudyRuntimes
{
    public const string FileName = "runtimes.json";

    sealed record Entry(double Seconds, DateTimeOffset Finished, string Cpu, double Load);

    /// <summary>Records <paramref name="wall"/> as the last run of <paramref name="budget"/> (other budgets' entries kept).</summary>
    public static void Record(string studyFolder, string budget, TimeSpan wall)
    {
        var entries = ReadEntries(studyFolder);
        entries[budget] = new Entry(wall.TotalSeconds, DateTimeOffset.UtcNow, CpuInfo.Model, LoadAverage());
        Directory.CreateDirectory(studyFolder);
        AtomicFile.WriteAllText(Path.Combine(studyFolder, FileName), JsonSerializer.Serialize(entries, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Per budget, its last measured run in words ("4.2 min on AMD EPYC at load 0.3, 2026-12-07"); empty when none.</summary>
    public static IReadOnlyDictionary<string, string> Read(string studyFolder) =>
        ReadEntries(studyFolder).ToDictionary(e => e.Key, e => string.Create(CultureInfo.InvariantCulture,
            $"{e.Value.Seconds / 60:F1} min on {e.Value.Cpu} at load {e.Value.Load:F1}, {e.Value.Finished:yyyy-MM-dd}"));

    static Dictionary<string, Entry> ReadEntries(string studyFolder)
    {
        string path = Path.Combine(studyFolder, FileName);
        if (!File.Exists(path)) return new(StringComparer.Ordinal);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(path)) ?? new(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new(StringComparer.Ordinal); // a damaged record is no measurement
        }
    }

    static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out double load)
            ? load : double.NaN;
}
