using DslRunner.Runs;

namespace DslRunner.Cli;

/// <summary>
/// Finds a run folder from what a user types: a path to the folder, <c>experiment/run-id</c> under the runs
/// folder, or <c>experiment</c> / <c>experiment/latest</c> for that experiment's newest run.
/// </summary>
public static class RunLocator
{
    public static string? TryFind(string reference, string runsRoot)
    {
        if (File.Exists(Path.Combine(reference, RunManifest.FileName))) return Path.GetFullPath(reference);
        string underRoot = Path.Combine(runsRoot, reference);
        if (File.Exists(Path.Combine(underRoot, RunManifest.FileName))) return Path.GetFullPath(underRoot);
        string experiment = reference.EndsWith("/latest", StringComparison.Ordinal) ? reference[..^"/latest".Length] : reference;
        string experimentFolder = Path.Combine(runsRoot, RunFolder.SafeName(experiment));
        if (!Directory.Exists(experimentFolder)) return null;
        return Directory.GetDirectories(experimentFolder)
            .Where(d => File.Exists(Path.Combine(d, RunManifest.FileName)))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal)
            .LastOrDefault() is { } latest ? Path.GetFullPath(latest) : null;
    }

    public static string Find(string reference, string runsRoot) =>
        TryFind(reference, runsRoot)
        ?? throw new UsageException($"no run '{reference}'{Closest(reference, runsRoot)}: give a run folder, experiment/run-id under {runsRoot}, or an experiment with runs");

    /// <summary>"; did you mean 'x'?" among the experiments with runs under the root, or their run ids when the experiment exists.</summary>
    static string Closest(string reference, string runsRoot)
    {
        if (!Directory.Exists(runsRoot)) return "";
        static List<string> Names(string folder) => [.. Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()];
        string[] parts = reference.Split('/');
        string experimentFolder = Path.Combine(runsRoot, RunFolder.SafeName(parts[0]));
        if (parts.Length == 2 && Directory.Exists(experimentFolder))
            return Generator.Binding.DidYouMean.Closest(parts[1], Names(experimentFolder)) is { } id ? $"; did you mean '{parts[0]}/{id}'?" : "";
        return Generator.Binding.DidYouMean.Suffix(parts[0], Names(runsRoot));
    }
}
