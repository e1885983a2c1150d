namespace DslRunner.Generator.Syntax;

/// <summary>
/// Where a piece of an experiment declaration sits: file, character offset and zero-based line/column range.
/// A plain value (no Roslyn location) so models holding it stay cacheable.
/// </summary>
public sealed record SourceSpan(string Path, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span that covers nothing at the start of a file (for file-wide problems).</summary>
    public static SourceSpan FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);
}
