namespace DslRunner.Runs;

/// <summary>
/// Finds the finished run of a declaration made at a commit: the run whose manifest holds the config hash that the
/// declaration binds to and that commit. This is how <c>review</c> matches run folders to the two sides of a change.
/// </summary>
public static class RunIndex
{
    /// <param name="declaration">The experiment's resolved declaration as YAML.</param>
    /// <returns>The latest matching run folder and its manifest; null when no finished run matches.</returns>
    public static (string Folder, RunManifest Manifest)? Find(string runsRoot, string experiment, string declaration, string commit)
    {
        var bound = ConfigOverrides.Bind(declaration, []);
        string folder = Path.Combine(runsRoot, RunFolder.SafeName(experiment));
        if (bound.Config is null || !Directory.Exists(folder)) return null;
        (string, RunManifest)? latest = null;
        foreach (string run in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(run, RunManifest.FileName))) continue;
            RunManifest manifest;
            try { manifest = RunManifest.Read(run); }
            catch (InvalidDataException) { continue; }
            if (manifest.Status == "finished" && RunManifest.IsHashOf(manifest.ConfigHash, bound.Config) && manifest.Git?.Commit == commit) latest = (run, manifest);
        }
        return latest;
    }
}
