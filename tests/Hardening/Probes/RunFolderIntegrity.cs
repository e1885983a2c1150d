using System.Text.Json;
using DslRunner.Runs;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>Checks that every file in a run folder is whole: each parses as what it claims to be.</summary>
public static class RunFolderIntegrity
{
    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    /// <param name="allowTornLastMetricsLine">After a kill, the metrics line being appended may be cut; resume drops it.</param>
    /// <param name="allowTemporaryFiles">After a kill, AtomicFile's temporary sibling may remain; resume deletes it.</param>
    public static IReadOnlyList<string> Problems(string folder, bool allowTornLastMetricsLine, bool allowTemporaryFiles)
    {
        var problems = new List<string>();
        foreach (string file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(folder, file);
            try
            {
                switch (Path.GetExtension(file))
                {
                    case ".json":
                        using (JsonDocument.Parse(File.ReadAllBytes(file))) { }
                        break;
                    case ".jsonl":
                        var lines = File.ReadAllLines(file);
                        int required = allowTornLastMetricsLine ? lines.Length - 1 : lines.Length;
                        for (int i = 0; i < required; i++) using (JsonDocument.Parse(lines[i])) { }
                        break;
                    case ".bin":
                        TrainingCheckpoint.ReadStep(file);
                        break;
                    case ".png":
                        if (!File.ReadAllBytes(file).AsSpan().StartsWith(PngSignature)) problems.Add($"{name} is not a PNG");
                        break;
                    case ".tmp" when !allowTemporaryFiles:
                        problems.Add($"{name} is a leftover temporary file");
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
            {
                problems.Add($"{name}: {e.Message}");
            }
        }
        if (File.Exists(Path.Combine(folder, RunManifest.FileName)))
        {
            try { RunManifest.Read(folder); }
            catch (InvalidDataException e) { problems.Add(e.Message); }
        }
        return problems;
    }
}
