using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Measures;

/// <summary>A C# class marked <c>[StudyMeasure("name")]</c>: a measure declarations may name.</summary>
public sealed record CodeMeasure(string Name, string FullyQualifiedType)
{
    /// <summary>Where the attribute writes the name; null when read from anything but the compilation.</summary>
    public SourceSpan? Span { get; init; }

    /// <summary>The measure as the catalog describes one: one figure, its own name, taken from the finished run.</summary>
    public MeasureDescriptor Descriptor => new(Name, $"[StudyMeasure] {FullyQualifiedType.Replace("global::", "")}", MeasureTime.FinishedRun, Listed: false, [Name]);
}
