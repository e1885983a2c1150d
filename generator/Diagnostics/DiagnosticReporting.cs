using System.Linq;
using DslRunner.Generator.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DslRunner.Generator.Diagnostics;

/// <summary>The Roslyn side of plain diagnostics and spans; kept apart so the rest of the model stays Roslyn-free.</summary>
internal static class DiagnosticReporting
{
    public static Diagnostic ToDiagnostic(this DiagnosticInfo info) =>
        Diagnostic.Create(DiagnosticDescriptors.ById(info.Id), info.Span.ToLocation(), info.Arguments.Cast<object>().ToArray());

    public static Location ToLocation(this SourceSpan span) => Location.Create(
        span.Path,
        new TextSpan(span.Start, span.Length),
        new LinePositionSpan(new LinePosition(span.Line, span.Column), new LinePosition(span.EndLine, span.EndColumn)));

    public static SourceSpan ToSourceSpan(this Location location)
    {
        var lines = location.GetLineSpan().Span;
        return new SourceSpan(
            location.SourceTree?.FilePath ?? "", location.SourceSpan.Start, location.SourceSpan.Length,
            lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
    }
}
