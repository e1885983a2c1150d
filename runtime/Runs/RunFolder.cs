using System.Globalization;

namespace DslRunner.Runs;

/// <summary>Creates <c>runs/&lt;experiment&gt;/&lt;run-id&gt;/</c>; the id is the UTC start time, made unique.</summary>
public static class RunFolder
{
    /// <summary>An experiment name as one folder name: path separators and control characters become '_'.</summary>
    public static string SafeName(string experiment)
    {
        var safe = new string([.. experiment.Select(c => c is '/' or '\\' || char.IsControl(c) ? '_' : c)]);
        return safe is "" or "." or ".." ? "_" + safe : safe;
    }

    public static string Create(string runsRoot, string experiment, DateTimeOffset startedAt)
    {
        string parent = Path.Combine(runsRoot, SafeName(experiment));
        Directory.CreateDirectory(parent);
        string stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (int attempt = 0; ; attempt++)
        {
            string id = attempt == 0 ? stamp : $"{stamp}-{attempt + 1}";
            string path = Path.Combine(parent, id);
            if (Directory.Exists(path)) continue;
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
