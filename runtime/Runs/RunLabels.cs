namespace DslRunner.Runs;

/// <summary>What a researcher calls a run: a name, tags and a note (<c>run --name/--tag/--note</c>), kept in its manifest.</summary>
/// <param name="Name">A short name for the run; null when none was given.</param>
/// <param name="Tags">Words to find the run by (<c>runs ls --where tag=x</c> keeps the runs that have tag x).</param>
/// <param name="Note">Free text: why the run was made.</param>
public sealed record RunLabels(string? Name, IReadOnlyList<string> Tags, string? Note)
{
    public static readonly RunLabels None = new(null, [], null);

    /// <summary>Labels checked as the command line gives them.</summary>
    /// <exception cref="ArgumentException">An empty name or note, or a tag that is empty, holds whitespace or a comma, or repeats.</exception>
    public static RunLabels From(string? name, IReadOnlyList<string> tags, string? note)
    {
        if (name is not null && name.Trim().Length == 0) throw new ArgumentException("--name expects a non-empty name");
        if (note is not null && note.Trim().Length == 0) throw new ArgumentException("--note expects some text");
        foreach (string tag in tags)
            if (tag.Length == 0 || tag.Any(c => char.IsWhiteSpace(c) || c == ','))
                throw new ArgumentException($"--tag expects one word without spaces or commas, e.g. --tag baseline; found '{tag}'");
        if (tags.Distinct(StringComparer.Ordinal).Count() != tags.Count) throw new ArgumentException("--tag was given the same tag twice");
        return new RunLabels(name?.Trim(), tags, note?.Trim());
    }
}
