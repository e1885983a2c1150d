using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Sweeps;

/// <summary>
/// <c>runs/sweeps/&lt;name&gt;-&lt;id&gt;/</c>: the plan (<c>sweep.json</c>), one small file per started point naming
/// its run folder (<c>points/&lt;config-hash&gt;.run</c>, so a replanned point with an unchanged config finds its run),
/// the points' locks and errors, and their logs. The run folders themselves live under the runs root as usual.
/// </summary>
public sealed class SweepFolder(string path)
{
    public const string SweepsFolderName = "sweeps";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The runs root this sweep's points write into: the folder that holds <c>sweeps/</c>.</summary>
    public string RunsRoot => System.IO.Path.GetDirectoryName(System.IO.Path.GetDirectoryName(Path)!)!;

    public static SweepFolder For(string runsRoot, SweepPlan plan) => new(System.IO.Path.Combine(runsRoot, SweepsFolderName, plan.FolderName));

    string PointsFolder => System.IO.Path.Combine(Path, "points");

    public string LogsFolder => System.IO.Path.Combine(Path, "logs");

    public string LogPath(SweepPoint point) => System.IO.Path.Combine(LogsFolder, $"point-{point.Index}.log");

    string PointFile(SweepPoint point, string extension) => System.IO.Path.Combine(PointsFolder, point.ConfigHash + extension);

    public string LockPath(SweepPoint point) => PointFile(point, ".lock");

    public string ErrorPath(SweepPoint point) => PointFile(point, ".error");

    public SweepPlan ReadPlan() => SweepPlan.Read(Path);

    /// <summary>The point's run folder, once it has been started.</summary>
    public string? RunFolderOf(SweepPoint point)
    {
        string pointer = PointFile(point, ".run");
        if (!File.Exists(pointer)) return null;
        string folder = System.IO.Path.Combine(RunsRoot, File.ReadAllText(pointer).Trim());
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The point's run folder, created (uniquely, see <see cref="RunFolder.Create"/>) and recorded on first use.</summary>
    public string EnsureRunFolder(SweepPoint point)
    {
        if (RunFolderOf(point) is { } existing) return existing;
        Directory.CreateDirectory(PointsFolder);
        string folder = RunFolder.Create(RunsRoot, point.Config.Name, DateTimeOffset.UtcNow);
        AtomicFile.WriteAllText(PointFile(point, ".run"), System.IO.Path.GetRelativePath(RunsRoot, folder));
        return folder;
    }

    public void RecordError(SweepPoint point, string message)
    {
        Directory.CreateDirectory(PointsFolder);
        AtomicFile.WriteAllText(ErrorPath(point), message);
    }

    public void ClearError(SweepPoint point) => File.Delete(ErrorPath(point));

    /// <summary>Finds a sweep from what a user types: its folder, its folder name under <c>runs/sweeps/</c>, or an experiment name (its newest sweep).</summary>
    public static SweepFolder? Find(string reference, string runsRoot)
    {
        if (File.Exists(System.IO.Path.Combine(reference, SweepPlan.FileName))) return new SweepFolder(reference);
        string sweeps = System.IO.Path.Combine(runsRoot, SweepsFolderName);
        string named = System.IO.Path.Combine(sweeps, reference);
        if (File.Exists(System.IO.Path.Combine(named, SweepPlan.FileName))) return new SweepFolder(named);
        if (!Directory.Exists(sweeps)) return null;
        string prefix = RunFolder.SafeName(reference) + "-";
        return Directory.GetDirectories(sweeps)
            .Where(d => System.IO.Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal)
                        && System.IO.Path.GetFileName(d).Length == prefix.Length + 12
                        && File.Exists(System.IO.Path.Combine(d, SweepPlan.FileName)))
            .OrderBy(d => File.GetLastWriteTimeUtc(System.IO.Path.Combine(d, SweepPlan.FileName)))
            .LastOrDefault() is { } newest ? new SweepFolder(newest) : null;
    }
}
