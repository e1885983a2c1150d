using System;
using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Resolution;

/// <summary>
/// Keys the DSL once spelt otherwise (<see cref="Field.FormerKey"/>, e.g. capacity's <c>lambda</c>, now <c>weight</c>):
/// a declaration or an override path that uses the old spelling is read as the new one, with warning DSL0060 at the key.
/// </summary>
public static class FormerKeys
{
    /// <summary>The tree with every former key renamed (where both spellings meet in one mapping, the later entry wins).</summary>
    public static MappingNode Normalize(MappingNode root, List<DiagnosticInfo> diagnostics) =>
        (MappingNode)InRecord(ExperimentSchema.Experiment, root, diagnostics);

    /// <summary>
    /// A dotted override path with every former key renamed, calling <paramref name="onFormerKey"/> (old, new, where)
    /// for each; a path the schema does not know is returned as it is (the override's own check reports it).
    /// </summary>
    public static string RenamePath(string path, Action<string, string, string>? onFormerKey = null)
    {
        var segments = path.Split('.');
        Walk(segments, onFormerKey);
        return string.Join(".", segments);
    }

    /// <summary>A value an override sets at <paramref name="path"/> (already renamed), with former keys inside it renamed.</summary>
    public static DeclarationNode Normalize(string path, DeclarationNode value, List<DiagnosticInfo> diagnostics) =>
        Walk(path.Split('.'), null) is { } type ? InType(type, value, diagnostics) : value;

    /// <summary>The schema type <paramref name="segments"/> lead to, renaming former keys in place; null where the path leaves the schema.</summary>
    static SchemaType? Walk(string[] segments, Action<string, string, string>? onFormerKey)
    {
        SchemaType? type = ExperimentSchema.Experiment;
        for (int i = 0; i < segments.Length && type is not null; i++)
        {
            switch (type)
            {
                case RecordType record:
                    var field = record.Find(segments[i]);
                    if (field is null && record.FindFormer(segments[i]) is { } renamed)
                    {
                        onFormerKey?.Invoke(segments[i], renamed.Key, record.Tag);
                        segments[i] = renamed.Key;
                        field = renamed;
                    }
                    type = field?.Type;
                    break;
                case TaggedListType list:
                    type = list.Find(segments[i]);
                    break;
                default:
                    // Below a model kind the kind is in the tree, not the path: Normalize finds a former key there.
                    type = null;
                    break;
            }
        }
        return type;
    }

    /// <summary>Why DSL0060 reads the old spelling.</summary>
    public const string Reason = "its first spelling, still read";

    static DeclarationNode InType(SchemaType type, DeclarationNode node, List<DiagnosticInfo> diagnostics) => type switch
    {
        RecordType record => InRecord(record, node, diagnostics),
        KindUnionType union when node is MappingNode mapping
            && mapping.Find(KindUnionType.DiscriminatorKey)?.Value is ScalarNode kind && union.Find(kind.Text) is { } record
            => InRecord(record, mapping, diagnostics),
        TaggedListType list when node is SequenceNode sequence => sequence with
        {
            Items = sequence.Items.Select(item => InListItem(list, item, diagnostics)).ToEquatableArray(),
        },
        _ => node,
    };

    static DeclarationNode InListItem(TaggedListType list, DeclarationNode item, List<DiagnosticInfo> diagnostics)
    {
        if (item is not MappingNode { Entries.Count: 1 } single || list.Find(single.Entries[0].Key) is not { } record) return item;
        var entry = single.Entries[0];
        var body = InRecord(record, entry.Value, diagnostics);
        return ReferenceEquals(body, entry.Value) ? item : single with { Entries = new EquatableArray<MappingEntry>([entry with { Value = body }]) };
    }

    static DeclarationNode InRecord(RecordType record, DeclarationNode node, List<DiagnosticInfo> diagnostics)
    {
        if (node is not MappingNode mapping) return node;
        var entries = new List<MappingEntry>();
        bool changed = false;
        foreach (var entry in mapping.Entries)
        {
            var current = entry;
            var field = record.Find(entry.Key);
            if (field is null && record.FindFormer(entry.Key) is { } renamed)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.OldSpelling, entry.KeySpan, entry.Key, record.Tag, renamed.Key, Reason));
                current = entry with { Key = renamed.Key };
                field = renamed;
                entries.RemoveAll(e => e.Key == renamed.Key);
                changed = true;
            }
            if (field is not null)
            {
                var value = InType(field.Type, current.Value, diagnostics);
                if (!ReferenceEquals(value, current.Value)) (current, changed) = (current with { Value = value }, true);
            }
            entries.Add(current);
        }
        return changed ? mapping with { Entries = entries.ToEquatableArray() } : mapping;
    }
}
