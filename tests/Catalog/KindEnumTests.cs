using DslRunner.Generator.Schema;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Catalog;

/// <summary>
/// The runtime's enums of tokenizer kinds and corpora (runtime/Config/CatalogKinds.g.cs) are generated from their
/// choices in the schema, so a kind is named once; this regenerates the file and fails when the committed one is stale
/// (DSLRUNNER_ACCEPT_SNAPSHOTS=1 rewrites it, locally only).
/// </summary>
public sealed class KindEnumTests
{
    [Fact]
    public void The_committed_kind_enums_are_the_ones_the_schema_generates() =>
        Snapshot.MatchFile(KindEnumWriter.Write(), Path.Combine(Snapshot.RepositoryRoot(), "runtime", "Config", KindEnumWriter.FileName));
}
