using System.Collections.Generic;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>
/// One attribute's arguments as declaration nodes, each located at its expression. The compiler's view
/// (<see cref="ArgumentReader"/>) and the syntax-only view (<see cref="SyntaxArgumentReader"/>) both provide it, so
/// <see cref="AttributeTree"/> builds the declaration tree the same way from either.
/// </summary>
internal interface IAttributeArguments
{
    /// <summary>Where the attribute's name is written.</summary>
    SourceSpan NameSpan { get; }

    /// <summary>The positional argument at the index (a params array gathers the rest); null when absent.</summary>
    DeclarationNode? Positional(int index);

    SourceSpan PositionalSpan(int index);

    /// <summary>Named arguments (<c>Property = value</c>) in source order.</summary>
    IEnumerable<(string Property, DeclarationNode Value, SourceSpan Span)> Named();
}
