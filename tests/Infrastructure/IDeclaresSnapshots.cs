namespace DslRunner.Tests.Infrastructure;

/// <summary>
/// A test class whose snapshot names are computed (one per experiment, per pinned run…) lists them here, from the
/// same declarations its test cases come from; names passed to <see cref="Snapshot.Match"/> as string literals
/// need no declaration. <see cref="SnapshotInventoryTests"/> fails on any snapshot file neither accounts for.
/// </summary>
public interface IDeclaresSnapshots
{
    /// <summary>Names relative to tests/Snapshots/, as passed to <see cref="Snapshot.Match"/>.</summary>
    static abstract IEnumerable<string> SnapshotNames();
}
