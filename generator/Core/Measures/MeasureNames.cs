using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Measures;

/// <summary>A measure's name is one key of a run's records: it may not be a built-in measure's name or figure, nor another measure's.</summary>
public static class MeasureNames
{
    public static IEnumerable<DiagnosticInfo> Clashes(IReadOnlyList<CodeMeasure> measures)
    {
        var builtIn = MeasureCatalog.BuiltIn
            .SelectMany(m => new[] { m.Name }.Concat(m.AllFigures).Select(key => (Key: key, Measure: m.Name)))
            .GroupBy(entry => entry.Key)
            .ToDictionary(g => g.Key, g => g.First().Measure);
        var taken = new Dictionary<string, CodeMeasure>();
        foreach (var measure in measures)
        {
            var span = measure.Span ?? SourceSpan.FileStart(measure.FullyQualifiedType);
            if (builtIn.TryGetValue(measure.Name, out string? owner))
                yield return DiagnosticInfo.Create(DiagnosticCatalog.MeasureNameClash, span, measure.Name, measure.FullyQualifiedType,
                    owner == measure.Name ? "the name of a built-in measure" : $"a figure of the built-in measure '{owner}'");
            else if (taken.TryGetValue(measure.Name, out var first))
                yield return DiagnosticInfo.Create(DiagnosticCatalog.MeasureNameClash, span, measure.Name, measure.FullyQualifiedType,
                    $"the name of {first.FullyQualifiedType}");
            else taken[measure.Name] = measure;
        }
    }
}
