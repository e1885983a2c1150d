using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Diagnostics;

/// <summary>A diagnostic as plain data; it becomes a Roslyn diagnostic only when reported (in the generator's DiagnosticReporting).</summary>
public sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, SourceSpan Span)
{
    public static DiagnosticInfo Create(DiagnosticEntry entry, SourceSpan span, params string[] arguments) =>
        new(entry.Id, new EquatableArray<string>(arguments), span);

    /// <summary>The message text, exactly as the generator reports it.</summary>
    public string Message => DiagnosticCatalog.ById(Id).Format(Arguments);
}
