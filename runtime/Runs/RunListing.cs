using System.Globalization;

namespace DslRunner.Runs;

/// <summary>One run folder as <c>runs ls</c> lists it: read from its manifest, which stays the source of truth.</summary>
/// <param name="Id">The folder relative to the runs root: <c>experiment/run-id</c>.</param>
public sealed record ListedRun(string Folder, string Id, RunManifest Manifest)
{
    SortedDictionary<string, string>? config;

    /// <summary>The keys every run has besides its metrics and config keys (name, tags and note only when given).</summary>
    public static readonly IReadOnlyList<string> RunKeys = ["experiment", "status", "seed", "started", "duration", "name", "tags", "tag", "note"];

    /// <summary>
    /// A run's value for a key: a final metric, <c>experiment</c>, <c>status</c>, <c>seed</c>, <c>started</c> (UTC,
    /// sortable), <c>duration</c> (seconds, once finished), <c>name</c>, <c>tags</c> (space-separated), <c>note</c>, or a
    /// config key (strings unquoted).
    /// </summary>
    public string? Value(string key)
    {
        if (Manifest.Results.TryGetValue(key, out double metric)) return metric.ToString("R", CultureInfo.InvariantCulture);
        switch (key)
        {
            case "experiment": return Manifest.Config.Name;
            case "status": return Manifest.Status;
            case "seed": return Manifest.Seed.ToString(CultureInfo.InvariantCulture);
            case "started": return Manifest.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            case "duration": return Duration?.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
            case "name": return Manifest.Name;
            case "tags": return Manifest.Tags.Count == 0 ? null : string.Join(' ', Manifest.Tags);
            case "note": return Manifest.Note;
        }
        return Config.TryGetValue(key, out string? value) ? Unquoted(value) : null;
    }

    /// <summary>From start to finish; null while the run has not finished.</summary>
    public TimeSpan? Duration => Manifest.FinishedAt is { } finished ? finished - Manifest.StartedAt : null;

    /// <summary>Every key <see cref="Value"/> answers for this run.</summary>
    public IEnumerable<string> Keys => Manifest.Results.Keys.Concat(RunKeys).Concat(Config.Keys);

    SortedDictionary<string, string> Config => config ??= ConfigPaths.Flatten(Manifest.Config);

    /// <summary>Whether the condition holds for the run; <c>tag=x</c> holds when one of its tags is x, <c>tag!=x</c> when none is.</summary>
    public bool Satisfies(RunCondition condition) =>
        condition.Key != "tag" ? condition.Holds(Value(condition.Key))
        : condition.Operator == "!=" ? Manifest.Tags.All(condition.Holds)
        : Manifest.Tags.Any(condition.Holds);

    static string Unquoted(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}

/// <summary>Every run folder under a runs root (<c>&lt;root&gt;/&lt;experiment&gt;/&lt;run-id&gt;/manifest.json</c>), filtered and sorted.</summary>
public static class RunListing
{
    /// <param name="experiment">Keep runs of this experiment (its variants and sweep points included); null keeps all.</param>
    /// <param name="sortKey">Sort by this key (a leading '-' sorts descending); null sorts by run id. Runs without the key come last.</param>
    /// <param name="skipped">Folders whose manifest could not be read, with the reason.</param>
    public static IReadOnlyList<ListedRun> List(
        string runsRoot, string? experiment, IReadOnlyList<RunCondition> conditions, string? sortKey, out IReadOnlyList<string> skipped)
    {
        var runs = new List<ListedRun>();
        var unreadable = new List<string>();
        if (Directory.Exists(runsRoot))
        {
            foreach (string experimentFolder in Directory.EnumerateDirectories(runsRoot))
            {
                string name = Path.GetFileName(experimentFolder);
                if (experiment is not null && !BelongsTo(name, experiment)) continue;
                foreach (string folder in Directory.EnumerateDirectories(experimentFolder))
                {
                    if (!File.Exists(Path.Combine(folder, RunManifest.FileName))) continue;
                    RunManifest manifest;
                    try { manifest = RunManifest.Read(folder); }
                    catch (InvalidDataException e) { unreadable.Add(e.Message); continue; }
                    runs.Add(new ListedRun(folder, $"{name}/{Path.GetFileName(folder)}", manifest));
                }
            }
        }
        skipped = unreadable;
        CheckKeys(runs, conditions.Select(c => ("--where", c.Key)).Concat(sortKey is null ? [] : [("--sort", sortKey.TrimStart('-'))]));
        var kept = runs.Where(run => conditions.All(run.Satisfies));
        if (sortKey is null) return [.. kept.OrderBy(r => r.Id, StringComparer.Ordinal)];
        bool descending = sortKey.StartsWith('-');
        string key = descending ? sortKey[1..] : sortKey;
        var withKey = kept.Select(run => (Run: run, Value: run.Value(key))).ToList();
        var present = withKey.Where(r => r.Value is not null);
        var ordered = withKey.All(r => r.Value is null || double.TryParse(r.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            ? (descending ? present.OrderByDescending(r => Number(r.Value!)) : present.OrderBy(r => Number(r.Value!)))
            : (descending ? present.OrderByDescending(r => r.Value, StringComparer.Ordinal) : present.OrderBy(r => r.Value, StringComparer.Ordinal));
        return [.. ordered.ThenBy(r => r.Run.Id, StringComparer.Ordinal).Concat(withKey.Where(r => r.Value is null).OrderBy(r => r.Run.Id, StringComparer.Ordinal)).Select(r => r.Run)];
    }

    /// <summary>A key no listed run has is a mistake, not an empty result: refused with the closest key runs do have.</summary>
    /// <exception cref="ArgumentException">An unknown key (the command line reports it as a usage error).</exception>
    static void CheckKeys(IReadOnlyList<ListedRun> runs, IEnumerable<(string Option, string Key)> named)
    {
        if (runs.Count == 0) return;
        HashSet<string>? known = null;
        foreach (var (option, key) in named)
        {
            known ??= [.. runs.SelectMany(r => r.Keys)];
            if (!known.Contains(key))
                throw new ArgumentException($"{option}: no run under this folder has '{key}'{Generator.Binding.DidYouMean.Suffix(key, known)} " +
                                            "(keys: final metrics such as validation/loss, experiment, status, seed, started, duration, or config keys such as train.lr)");
        }
    }

    /// <summary>Whether a folder under the runs root holds runs of <paramref name="experiment"/>: itself, a variant or a sweep point.</summary>
    static bool BelongsTo(string folderName, string experiment)
    {
        string safe = RunFolder.SafeName(experiment);
        return folderName == safe || (folderName.Length > safe.Length && folderName.StartsWith(safe, StringComparison.Ordinal) && folderName[safe.Length] is '.' or '@');
    }

    static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
