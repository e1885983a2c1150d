using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;
using Microsoft.CodeAnalysis;

namespace DslRunner.Generator.Diagnostics;

/// <summary>A diagnostic as plain data; it becomes a Roslyn <see cref="Diagnostic"/> only when reported.</summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, SourceSpan Span)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments) =>
        new(descriptor.Id, new EquatableArray<string>(arguments), span);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Span.ToLocation(), Arguments.Cast<object>().ToArray());
}
