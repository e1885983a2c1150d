using System.Linq;
using DslRunner.Generator.Binding;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Resolution;

/// <summary>
/// Applies one <c>dotted.path: value</c> override of a variant or sweep to a declaration tree. The path is checked
/// against the schema (any key the schema knows may be set, written or not) and, through lists of loss terms or
/// decoders, against the entries the experiment declares: <c>loss.capacity.lambda</c> needs a capacity term.
/// A mapping merges into the section it lands on, except where it names another kind of a kind-discriminated
/// section (<see cref="SwitchesKind"/>): then it replaces the section, as a config group does.
/// </summary>
public static class OverridePath
{
    /// <summary>The new tree, or the reason the path does not exist.</summary>
    public static (MappingNode? Tree, string? Problem) Apply(MappingNode root, string path, SourceSpan keySpan, DeclarationNode value)
    {
        var segments = path.Split('.');
        if (segments.Any(s => s.Length == 0)) return (null, "a path is keys joined by single dots");
        if (segments[0] is ExperimentSchema.ExperimentKey or ExperimentSchema.VariantsKey or ExperimentSchema.SweepKey
            or ExperimentSchema.ExtendsKey or ExperimentSchema.AbstractKey)
            return (null, $"'{segments[0]}' cannot be overridden");
        return ApplyInRecord(ExperimentSchema.Experiment, root, segments, 0, keySpan, value, extraKey: null);
    }

    static (MappingNode?, string?) ApplyInRecord(
        RecordType schema, MappingNode node, string[] segments, int index, SourceSpan keySpan, DeclarationNode value, string? extraKey)
    {
        string segment = segments[index];
        var field = schema.Find(segment);
        if ((field is null || field.Parameter is null) && segment != extraKey)
        {
            var known = schema.Fields.Where(f => f.Parameter is not null).Select(f => f.Key);
            return (null, $"'{segment}' is not a key of {schema.Tag}{KeyOwners.Suffix(schema, segment) ?? DidYouMean.Suffix(segment, known)}");
        }
        var existing = node.Find(segment);
        if (index == segments.Length - 1)
        {
            var replacement = existing?.Value is MappingNode below && value is MappingNode above && !SwitchesKind(field?.Type, below, above)
                ? TreeMerge.Merge(below, above)
                : value;
            return (TreeMerge.With(node, new MappingEntry(segment, keySpan, replacement)), null);
        }
        var (child, problem) = field?.Type switch
        {
            RecordType record => ApplyInRecord(record, existing?.Value as MappingNode ?? Empty(keySpan), segments, index + 1, keySpan, value, null),
            KindUnionType union => ApplyInUnion(union, existing?.Value as MappingNode, segments, index + 1, keySpan, value),
            TaggedListType list => ApplyInList(list, existing?.Value, segments, index + 1, keySpan, value),
            _ => ((DeclarationNode?)null, $"'{segment}' is a single value, it has no '{segments[index + 1]}'"),
        };
        return child is null ? (null, problem) : (TreeMerge.With(node, new MappingEntry(segment, existing?.KeySpan ?? keySpan, child)), null);
    }

    static (DeclarationNode?, string?) ApplyInUnion(
        KindUnionType union, MappingNode? node, string[] segments, int index, SourceSpan keySpan, DeclarationNode value)
    {
        var kind = node?.Find(KindUnionType.DiscriminatorKey)?.Value as ScalarNode;
        var record = kind is null ? null : union.Find(kind.Text);
        if (node is null || record is null) return (null, $"the experiment declares no {union.Noun} to change");
        // Another kind is another section: its keys start from that kind's defaults, not from the old kind's values.
        if (index == segments.Length - 1 && segments[index] == KindUnionType.DiscriminatorKey && value is ScalarNode other && other.Text != kind!.Text)
            return (new MappingNode(new EquatableArray<MappingEntry>([new MappingEntry(KindUnionType.DiscriminatorKey, keySpan, value)]), keySpan), null);
        var (tree, problem) = ApplyInRecord(record, node, segments, index, keySpan, value, KindUnionType.DiscriminatorKey);
        return (tree, problem);
    }

    static (DeclarationNode?, string?) ApplyInList(
        TaggedListType list, DeclarationNode? node, string[] segments, int index, SourceSpan keySpan, DeclarationNode value)
    {
        string tag = segments[index];
        var record = list.Find(tag);
        if (record is null)
            return (null, $"'{tag}' is not a {list.Noun}{DidYouMean.Suffix(tag, list.Entries.Select(e => e.Tag))}");
        // An undeclared list is the schema's default (for loss: cross-entropy alone), which has no such entry.
        var sequence = node as SequenceNode ?? new SequenceNode(EquatableArray<DeclarationNode>.Empty, keySpan);
        int position = -1;
        for (int i = 0; i < sequence.Items.Count && position < 0; i++)
            if (TagOf(sequence.Items[i]) == tag) position = i;
        if (position < 0) return (null, $"the experiment has no {list.Noun} '{tag}'");

        var item = sequence.Items[position];
        var (itemKeySpan, body) = item is MappingNode { Entries.Count: 1 } single
            ? (single.Entries[0].KeySpan, single.Entries[0].Value)
            : (item.Span, (DeclarationNode)Empty(item.Span));
        DeclarationNode newBody;
        if (index == segments.Length - 1)
            newBody = body is MappingNode below && value is MappingNode above ? TreeMerge.Merge(below, above) : value;
        else
        {
            var (tree, problem) = ApplyInRecord(record, body as MappingNode ?? Empty(itemKeySpan), segments, index + 1, keySpan, value, null);
            if (tree is null) return (null, problem);
            newBody = tree;
        }
        var newItem = new MappingNode(new EquatableArray<MappingEntry>([new MappingEntry(tag, itemKeySpan, newBody)]), item.Span);
        var items = sequence.Items.ToArray();
        items[position] = newItem;
        return (sequence with { Items = new EquatableArray<DeclarationNode>(items) }, null);
    }

    /// <summary>
    /// Config groups: a mapping that names another kind of a kind-discriminated section (the model) replaces the whole
    /// section instead of merging into it, so the transformer's d_model does not follow a switch to the LSTM.
    /// </summary>
    public static bool SwitchesKind(SchemaType? type, MappingNode existing, MappingNode value) =>
        type is KindUnionType
        && value.Find(KindUnionType.DiscriminatorKey)?.Value is ScalarNode newKind
        && existing.Find(KindUnionType.DiscriminatorKey)?.Value is ScalarNode oldKind
        && newKind.Text != oldKind.Text;

    static string? TagOf(DeclarationNode item) => item switch
    {
        MappingNode { Entries.Count: 1 } mapping => mapping.Entries[0].Key,
        ScalarNode { Quoted: false } scalar => scalar.Text,
        _ => null,
    };

    static MappingNode Empty(SourceSpan span) => new(EquatableArray<MappingEntry>.Empty, span);
}
