using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Measures;

/// <summary>A C# class marked <c>[StudyMeasure("name")]</c>: a measure declarations may name.</summary>
public sealed record CodeMeasure(string Name, string FullyQualifiedType)
{
    /// <summary>Where the attribute writes the name; null when read from anything but the compilation.</summary>
    public SourceSpan? Span { get; init; }
}
