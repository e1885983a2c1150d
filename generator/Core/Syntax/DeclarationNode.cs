using DslRunner.Generator.Helpers;

namespace DslRunner.Generator.Syntax;

/// <summary>
/// A front-end-neutral tree of an experiment declaration: what YAML says, and what the attributed C# front end
/// translates its attributes into. Every node keeps its source span; the tree is value-equatable.
/// </summary>
public abstract record DeclarationNode(SourceSpan Span);

/// <summary>A single value as written (YAML scalar text or a C# constant rendered invariantly).</summary>
/// <param name="Quoted">True when the author wrote a string explicitly (a quoted YAML scalar, a C# string).</param>
public sealed record ScalarNode(string Text, bool Quoted, SourceSpan Span) : DeclarationNode(Span)
{
    public bool IsNull => !Quoted && (Text.Length == 0 || Text == "~" || Text == "null" || Text == "Null" || Text == "NULL");
}

public sealed record SequenceNode(EquatableArray<DeclarationNode> Items, SourceSpan Span) : DeclarationNode(Span);

public sealed record MappingNode(EquatableArray<MappingEntry> Entries, SourceSpan Span) : DeclarationNode(Span)
{
    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
            if (entry.Key == key) return entry;
        return null;
    }
}

public sealed record MappingEntry(string Key, SourceSpan KeySpan, DeclarationNode Value);

/// <summary>A C# type named by the attributed front end (a user loss term); YAML cannot produce it.</summary>
/// <param name="FullyQualifiedName">The type as <c>global::Namespace.Type</c>.</param>
public sealed record TypeReferenceNode(string FullyQualifiedName, SourceSpan Span) : DeclarationNode(Span)
{
    /// <summary>The declared parameters as written, <c>beta=0.1, name=x</c>; empty when none.</summary>
    public string Arguments { get; init; } = "";

    /// <summary>What follows <c>new T</c> in generated code: <c>()</c>, <c>(beta: 0.1)</c> or <c>() { Beta = 0.1 }</c>.</summary>
    public string Construction { get; init; } = "()";
}
