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

    /// <summary>
    /// Creates a new, empty run folder named after <paramref name="startedAt"/> (<c>yyyyMMdd-HHmmss</c>, then
    /// <c>-2</c>, <c>-3</c>… when taken). Each name is claimed with one exclusive create, so processes starting in the
    /// same second — on this host or on others sharing the file system — never get the same folder.
    /// </summary>
    public static string Create(string runsRoot, string experiment, DateTimeOffset startedAt)
    {
        string parent = Path.Combine(runsRoot, SafeName(experiment));
        Directory.CreateDirectory(parent);
        string stamp = startedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (int attempt = 0; ; attempt++)
        {
            string path = Path.Combine(parent, attempt == 0 ? stamp : string.Create(CultureInfo.InvariantCulture, $"{stamp}-{attempt + 1}"));
            if (TryClaim(path)) return path;
        }
    }

    static bool TryClaim(string path)
    {
        if (!OperatingSystem.IsWindows()) return Native.Posix.TryCreateDirectoryExclusive(path);
        // Windows: the claim is an exclusively created marker file next to the folder.
        try
        {
            using (new FileStream(path + ".claim", FileMode.CreateNew, FileAccess.Write)) { }
        }
        catch (IOException) when (File.Exists(path + ".claim"))
        {
            return false;
        }
        Directory.CreateDirectory(path);
        return true;
    }
}
