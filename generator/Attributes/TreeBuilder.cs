using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Attributes;

/// <summary>A mutable, ordered mapping that freezes into a <see cref="MappingNode"/>.</summary>
internal sealed class TreeBuilder(SourceSpan span)
{
    /// <summary>Where the mapping is declared: the attribute that owns it, for "missing key" diagnostics.</summary>
    public SourceSpan Span { get; set; } = span;

    readonly List<(string Key, SourceSpan KeySpan, object Value)> entries = new();

    public void Set(string key, SourceSpan keySpan, DeclarationNode value) => entries.Add((key, keySpan, value));

    public TreeBuilder Section(IEnumerable<string> path, SourceSpan keySpan)
    {
        var current = this;
        foreach (var key in path)
        {
            var existing = current.entries.FirstOrDefault(e => e.Key == key && e.Value is TreeBuilder);
            if (existing.Value is TreeBuilder child) current = child;
            else
            {
                var created = new TreeBuilder(keySpan);
                current.entries.Add((key, keySpan, created));
                current = created;
            }
        }
        return current;
    }

    public void Append(string key, SourceSpan keySpan, DeclarationNode item)
    {
        var existing = entries.FirstOrDefault(e => e.Key == key && e.Value is List<DeclarationNode>);
        if (existing.Value is List<DeclarationNode> list) list.Add(item);
        else entries.Add((key, keySpan, new List<DeclarationNode> { item }));
    }

    public MappingNode Build() => new(
        entries.Select(e => new MappingEntry(e.Key, e.KeySpan, e.Value switch
        {
            TreeBuilder child => child.Build(),
            List<DeclarationNode> items => new SequenceNode(items.ToEquatableArray(), e.KeySpan),
            _ => (DeclarationNode)e.Value,
        })).ToEquatableArray(),
        Span);
}
