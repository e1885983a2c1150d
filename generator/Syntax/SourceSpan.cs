using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DslRunner.Generator.Syntax;

/// <summary>
/// Where a piece of an experiment declaration sits: file, character offset and zero-based line/column range.
/// A plain value (no Roslyn <see cref="Location"/>) so models holding it stay cacheable.
/// </summary>
internal sealed record SourceSpan(string Path, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    public Location ToLocation() => Location.Create(
        Path,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(EndLine, EndColumn)));

    /// <summary>A span that covers nothing at the start of a file (for file-wide problems).</summary>
    public static SourceSpan FileStart(string path) => new(path, 0, 0, 0, 0, 0, 0);

    public static SourceSpan FromLinePositionSpan(string path, TextSpan span, LinePositionSpan lines) =>
        new(path, span.Start, span.Length, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
}
