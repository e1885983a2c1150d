namespace DslRunner.Studies;

/// <summary>A table of a study report; cells are already formatted.</summary>
public sealed record StudyTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A PNG written into the study folder, with its caption.</summary>
/// <param name="File">File name relative to the report.</param>
public sealed record StudyFigure(string File, string Caption);

/// <summary>A titled part of a report: prose, then an optional table, then figures.</summary>
public sealed record StudySection(string Heading, string Text, StudyTable? Table = null, IReadOnlyList<StudyFigure>? Figures = null);

/// <summary>What a study found: the verdict per claim first, then the evidence.</summary>
/// <param name="Title">The report's heading.</param>
/// <param name="Summary">What the study does, in a paragraph.</param>
/// <param name="Scale">The scale it ran at (model sizes, tokens, steps), so nobody reads a toy result as a large one.</param>
public sealed record StudyReport(
    string Title, string Summary, string Scale, IReadOnlyList<ClaimResult> Claims, IReadOnlyList<StudySection> Sections)
{
    /// <summary>How long the whole study took; filled in by the runner.</summary>
    public TimeSpan? WallTime { get; init; }

    /// <summary>Runs taken from earlier runs with the same resolved config instead of trained: the wall time then is no runtime.</summary>
    public int ReusedRuns { get; init; }
}
