namespace DslRunner.Review;

public enum ChangeKind { Added, Removed, Renamed, Changed }

/// <summary>A resolved key whose value differs (null: absent on that side); <paramref name="Via"/> names the inherited file it changed through.</summary>
internal sealed record KeyChange(string Key, string? Base, string? Head, string? Via);

/// <summary>A variant or sweep point present on both sides whose own keys changed beyond its experiment's change.</summary>
internal sealed record DerivedChange(string Name, IReadOnlyList<KeyChange> Keys);

/// <summary>A finished run of one side, matched by its manifest's config hash and commit.</summary>
/// <param name="Results">The run's final figures, by metric name.</param>
public sealed record RunRecord(string Folder, IReadOnlyDictionary<string, double> Results);

/// <summary>Finds the run of an experiment whose config is the one this declaration binds to, made at this commit.</summary>
/// <param name="experiment">The experiment's name.</param>
/// <param name="declaration">Its resolved declaration as YAML.</param>
/// <param name="commit">The commit the run must record.</param>
public delegate RunRecord? RunLookup(string experiment, string declaration, string commit);

/// <summary>The runs of a changed experiment on each side (null when none matched) and the commands that would make the missing ones.</summary>
internal sealed record RunComparison(RunRecord? Base, RunRecord? Head, string? BaseCommand, string? HeadCommand);

/// <summary>What happened to one experiment between the two revisions.</summary>
/// <param name="Name">Its name at head (at base when removed).</param>
/// <param name="OldName">For a rename, its name at base.</param>
/// <param name="CodeDiff">Unified diff of the generated source (null when neither side builds or nothing differs).</param>
internal sealed record ExperimentChange(
    ChangeKind Kind,
    string Name,
    string? OldName,
    DeclaredExperiment? Base,
    DeclaredExperiment? Head,
    IReadOnlyList<KeyChange> Keys,
    IReadOnlyList<string> DerivedAdded,
    IReadOnlyList<string> DerivedRemoved,
    IReadOnlyList<DerivedChange> DerivedChanged,
    string? CodeDiff,
    RunComparison? Runs);

/// <summary>An inherited declaration file that changed, and the experiments whose keys changed through it.</summary>
internal sealed record InheritedChange(string File, IReadOnlyList<string> Experiments);

/// <summary>Everything <c>review</c> reports.</summary>
/// <param name="Generator">The generator that resolved and emitted both sides (name and version).</param>
/// <param name="ReadsRuns">Whether run folders were looked for (the dslrunner executable reads them; the standalone tool does not).</param>
internal sealed record ReviewReport(
    RevisionState Base,
    RevisionState Head,
    string Generator,
    IReadOnlyList<ExperimentChange> Changes,
    IReadOnlyList<InheritedChange> Inherited,
    bool ReadsRuns)
{
    /// <summary>Study files added, removed or changed.</summary>
    public IReadOnlyList<StudyChange> Studies { get; init; } = [];

    public bool AnythingChanged => Changes.Count > 0 || Studies.Count > 0;
}
