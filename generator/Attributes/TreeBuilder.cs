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

    /// <summary>Adds a key; a list the key already collected with <see cref="Append"/> keeps its items after the set ones.</summary>
    public void Set(string key, SourceSpan keySpan, DeclarationNode value)
    {
        int appended = entries.FindIndex(e => e.Key == key && e.Value is List<DeclarationNode>);
        if (appended >= 0 && value is SequenceNode sequence)
            entries[appended] = (key, keySpan, sequence.Items.Concat((List<DeclarationNode>)entries[appended].Value).ToList());
        else entries.Add((key, keySpan, value));
    }

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

    /// <summary>Appends to the list at the key, which may have been set whole (e.g. <c>[Eval(Metrics = ...)]</c>, then <c>[Metric]</c>).</summary>
    public void Append(string key, SourceSpan keySpan, DeclarationNode item)
    {
        int existing = entries.FindIndex(e => e.Key == key && e.Value is List<DeclarationNode> or SequenceNode);
        if (existing < 0) entries.Add((key, keySpan, new List<DeclarationNode> { item }));
        else if (entries[existing].Value is List<DeclarationNode> list) list.Add(item);
        else entries[existing] = (key, entries[existing].KeySpan, ((SequenceNode)entries[existing].Value).Items.Append(item).ToList());
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
