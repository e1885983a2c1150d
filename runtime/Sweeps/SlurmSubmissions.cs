using System.Text.Json;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.RunFiles;

namespace DslRunner.Sweeps;

/// <summary>One job array submitted for a sweep: its id and the plan indices it runs (its array task ids).</summary>
public sealed record SlurmSubmission(string JobId, IReadOnlyList<int> Indices, string Script, DateTimeOffset SubmittedAt);

/// <summary><c>slurm.json</c> in the sweep folder: every job array the sweep submitted, oldest first.</summary>
public static class SlurmSubmissions
{
    public const string FileName = "slurm.json";

    public static IReadOnlyList<SlurmSubmission> Read(SweepFolder sweep)
    {
        string path = Path.Combine(sweep.Path, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<SlurmSubmission>>(File.ReadAllText(path), ConfigJson.Options) ?? [] : [];
    }

    public static void Add(SweepFolder sweep, SlurmSubmission submission) =>
        AtomicFile.WriteAllText(Path.Combine(sweep.Path, FileName), JsonSerializer.Serialize<IReadOnlyList<SlurmSubmission>>([.. Read(sweep), submission], ConfigJson.Options));

    /// <summary>Each point's newest Slurm task that Slurm still reports, by plan index.</summary>
    public static IReadOnlyDictionary<int, SlurmTask> LatestTasks(SweepFolder sweep)
    {
        var latest = new Dictionary<int, SlurmTask>();
        foreach (var submission in Read(sweep))
            foreach (var task in SlurmCluster.Tasks(submission.JobId))
                latest[task.Index] = task;
        return latest;
    }

    public static string LogPath(SweepFolder sweep, SlurmTask task) => Path.Combine(sweep.LogsFolder, $"slurm-{task.JobId}_{task.Index}.log");
}
