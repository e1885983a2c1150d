using System.Collections.Generic;
using System.Linq;

namespace DslRunner.Generator.Measures;

/// <summary>
/// One measured number as the DSL knows it: its name, the metrics.jsonl keys it records and when it runs.
/// <paramref name="Listed"/>: taken only when named in <c>eval.metrics</c> (otherwise always recorded).
/// </summary>
public sealed record MeasureDescriptor(string Name, string Description, MeasureTime When, bool Listed, IReadOnlyList<string> Figures)
{
    /// <summary>Figures recorded only under a condition (an untied head, pruning): absent from some records.</summary>
    public IReadOnlyList<string> ConditionalFigures { get; init; } = [];

    /// <summary>The values its figures can take.</summary>
    public FigureRange Range { get; init; } = FigureRange.Any;

    /// <summary>Every key it may record, the unconditional ones first.</summary>
    public IEnumerable<string> AllFigures => Figures.Concat(ConditionalFigures);
}
