using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Diagnostics;
using DslRunner.Generator.Helpers;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;
using DslRunner.Generator.Syntax;

namespace DslRunner.Generator.Binding;

/// <summary>
/// Reads a declaration tree through the schema into typed <see cref="ConfigValue"/>s, filling in every default.
/// Each mismatch (unknown key, wrong type, missing key, value out of range) becomes a diagnostic at the
/// exact node; binding goes on past errors so one build reports them all.
/// </summary>
public sealed class ConfigBinder
{
    readonly List<DiagnosticInfo> diagnostics;

    public ConfigBinder(List<DiagnosticInfo> diagnostics) => this.diagnostics = diagnostics;

    /// <summary>Binds a whole experiment; null when anything was wrong (the diagnostics say what).</summary>
    public RecordValue? BindExperiment(MappingNode root)
    {
        int before = diagnostics.Count;
        var config = BindRecord(ExperimentSchema.Experiment, root, "experiment", "", allowedExtraKey: null);
        return diagnostics.Count == before ? config : null;
    }

    RecordValue? BindRecord(RecordType schema, DeclarationNode node, string where, string path, string? allowedExtraKey)
    {
        MappingNode mapping;
        if (node is MappingNode m) mapping = m;
        else if (node is ScalarNode { IsNull: true }) mapping = new MappingNode(EquatableArray<MappingEntry>.Empty, node.Span);
        else
        {
            WrongType(path.Length == 0 ? where : path, schema, node);
            return null;
        }

        var seen = new HashSet<string>();
        // A misspelt key already says what is missing: "did you mean 'model'?" needs no "missing key 'model'".
        var suggested = new HashSet<string>();
        foreach (var entry in mapping.Entries)
        {
            if (!seen.Add(entry.Key))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.DuplicateKey, entry.KeySpan, entry.Key, where));
            else if (schema.Find(entry.Key) is null && entry.Key != allowedExtraKey)
            {
                var known = schema.Fields.Select(f => f.Key);
                if (allowedExtraKey is not null) known = known.Concat([allowedExtraKey]);
                string? owners = KeyOwners.Suffix(schema, entry.Key);
                string? suggestion = owners is null ? DidYouMean.Closest(entry.Key, known) : null;
                if (suggestion is not null) suggested.Add(suggestion);
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticCatalog.UnknownKey, entry.KeySpan, entry.Key, where, owners ?? DidYouMean.Suffix(entry.Key, known)));
            }
        }

        var arguments = new List<ConfigArgument>();
        bool complete = true;
        foreach (var field in schema.Fields)
        {
            if (field.Parameter is null) continue;
            string fieldPath = path.Length == 0 ? field.Key : path + "." + field.Key;
            var value = BindField(field, mapping.Find(field.Key), mapping, where, fieldPath, reportMissing: !suggested.Contains(field.Key));
            if (value is null) complete = false;
            else arguments.Add(new ConfigArgument(field.Key, field.Parameter, value));
        }
        return complete ? new RecordValue(schema.CSharpType, schema.Tag, arguments.ToEquatableArray(), node.Span) : null;
    }

    ConfigValue? BindField(Field field, MappingEntry? entry, MappingNode owner, string where, string path, bool reportMissing)
    {
        if (entry is null)
        {
            switch (field.Default)
            {
                case ValueDefault value:
                    return value.Value;
                case EmptyRecordDefault:
                    return BindType(field.Type, new MappingNode(EquatableArray<MappingEntry>.Empty, owner.Span), path);
                default:
                    if (reportMissing)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, owner.Span, where, field.Key, field.Description));
                    return null;
            }
        }
        if (field.Nullable && entry.Value is ScalarNode { IsNull: true } nullScalar) return new NullValue(nullScalar.Span);
        return BindType(field.Type, entry.Value, path);
    }

    ConfigValue? BindType(SchemaType type, DeclarationNode node, string path) => type switch
    {
        IntegerType integer => BindInteger(integer, node, path),
        NumberType number => BindNumber(number, node, path),
        StringType => node is ScalarNode { IsNull: false } text ? new StringValue(text.Text, text.Span) : WrongType(path, type, node),
        BooleanType => node is ScalarNode { Quoted: false, Text: "true" or "false" } flag ? new BooleanValue(flag.Text == "true", flag.Span) : WrongType(path, type, node),
        ChoiceType choice => BindChoice(choice, node, path),
        ListType list => BindList(list, node, path),
        RecordType record => BindRecord(record, node, path, path, allowedExtraKey: null),
        KindUnionType union => BindKindUnion(union, node, path),
        TaggedListType tagged => BindTaggedList(tagged, node, path),
        _ => WrongType(path, type, node),
    };

    ConfigValue? BindInteger(IntegerType type, DeclarationNode node, string path)
    {
        if (node is not ScalarNode { Quoted: false } scalar || !ScalarText.TryParseInteger(scalar.Text, out long value))
            return WrongType(path, type, node);
        if (value < type.Minimum || value > type.Maximum)
        {
            string range = value > type.Maximum
                ? "at most " + type.Maximum.ToString(CultureInfo.InvariantCulture)
                : type.RangeText;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.OutOfRange, scalar.Span, path, scalar.Text, range));
            return null;
        }
        return new IntegerValue(value, scalar.Span);
    }

    ConfigValue? BindNumber(NumberType type, DeclarationNode node, string path)
    {
        if (node is not ScalarNode { Quoted: false } scalar || !ScalarText.TryParseNumber(scalar.Text, out double value))
            return WrongType(path, type, node);
        if (!type.Contains(value))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.OutOfRange, scalar.Span, path, scalar.Text, type.RangeText));
            return null;
        }
        return new NumberValue(value, scalar.Span);
    }

    ConfigValue? BindChoice(ChoiceType type, DeclarationNode node, string path)
    {
        if (node is not ScalarNode { IsNull: false } scalar) return WrongType(path, type, node);
        var choice = type.Find(scalar.Text);
        if (choice is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownChoice, scalar.Span,
                scalar.Text, type.Noun, type.ChoiceList, DidYouMean.Suffix(scalar.Text, type.Choices.Select(c => c.Name))));
            return null;
        }
        return type.CSharpType is null
            ? new StringValue(choice.Name, scalar.Span)
            : new EnumValue(type.CSharpType, choice.Member, choice.Name, scalar.Span);
    }

    ConfigValue? BindList(ListType type, DeclarationNode node, string path)
    {
        if (node is not SequenceNode sequence) return WrongType(path, type, node);
        var items = new List<ConfigValue>();
        bool complete = true;
        foreach (var item in sequence.Items)
        {
            if (type.AcceptsCSharpTypes && item is TypeReferenceNode reference)
            {
                items.Add(TypeValue.Of(reference));
                continue;
            }
            var value = BindType(type.Item, item, path);
            if (value is null) complete = false;
            else items.Add(value);
        }
        if (!CheckCount(path, sequence, type.MinimumCount)) return null;
        return complete ? new ListValue(type.ElementCSharpType, items.ToEquatableArray(), sequence.Span) : null;
    }

    ConfigValue? BindKindUnion(KindUnionType type, DeclarationNode node, string path)
    {
        if (node is not MappingNode mapping) return WrongType(path, type, node);
        var kindEntry = mapping.Find(KindUnionType.DiscriminatorKey);
        if (kindEntry is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.MissingKey, mapping.Span, path, KindUnionType.DiscriminatorKey,
                string.Join(" | ", type.Kinds.Select(k => k.Tag))));
            return null;
        }
        if (kindEntry.Value is not ScalarNode { IsNull: false } kindScalar)
            return WrongType(path + "." + KindUnionType.DiscriminatorKey, StringType.Instance, kindEntry.Value);
        var record = type.Find(kindScalar.Text);
        if (record is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownChoice, kindScalar.Span, kindScalar.Text, type.Noun,
                string.Join(", ", type.Kinds.Select(k => k.Tag)), DidYouMean.Suffix(kindScalar.Text, type.Kinds.Select(k => k.Tag))));
            return null;
        }
        return BindRecord(record, mapping, path, path, allowedExtraKey: KindUnionType.DiscriminatorKey);
    }

    ConfigValue? BindTaggedList(TaggedListType type, DeclarationNode node, string path)
    {
        if (node is not SequenceNode sequence) return WrongType(path, type, node);
        var items = new List<ConfigValue>();
        bool complete = true;
        foreach (var item in sequence.Items)
        {
            var value = BindTaggedEntry(type, item, path);
            if (value is null) complete = false;
            else items.Add(value);
        }
        if (!CheckCount(path, sequence, type.MinimumCount)) return null;
        return complete ? new ListValue(type.ElementCSharpType, items.ToEquatableArray(), sequence.Span) : null;
    }

    ConfigValue? BindTaggedEntry(TaggedListType type, DeclarationNode item, string path)
    {
        // "- greedy" is shorthand for "- greedy: {}".
        var (tag, tagSpan, body) = item switch
        {
            ScalarNode { Quoted: false, IsNull: false } scalar => (scalar.Text, scalar.Span, (DeclarationNode)new ScalarNode("", false, scalar.Span)),
            MappingNode { Entries.Count: 1 } mapping => (mapping.Entries[0].Key, mapping.Entries[0].KeySpan, mapping.Entries[0].Value),
            _ => (null, item.Span, item),
        };
        if (tag is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, item.Span, path,
                $"one {type.Noun} per list entry, written as '- name: {{ settings }}'", Describe(item)));
            return null;
        }
        if (body is TypeReferenceNode typeReference) return TypeValue.Of(typeReference);
        var record = type.Find(tag);
        if (record is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.UnknownChoice, tagSpan, tag, type.Noun,
                string.Join(", ", type.Entries.Select(e => e.Tag)), DidYouMean.Suffix(tag, type.Entries.Select(e => e.Tag))));
            return null;
        }
        string entryPath = path + "." + tag;
        // The entry is reported at its name, the most recognisable spot of a list entry.
        return BindRecord(record, body, entryPath, entryPath, allowedExtraKey: null) is { } bound ? bound with { Span = tagSpan } : null;
    }

    bool CheckCount(string path, SequenceNode sequence, int minimum)
    {
        if (sequence.Items.Count >= minimum) return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.EmptyList, sequence.Span, path));
        return false;
    }

    ConfigValue? WrongType(string path, SchemaType expected, DeclarationNode node)
    {
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticCatalog.WrongType, node.Span, path, expected.Expectation, Describe(node)));
        return null;
    }

    public static string Describe(DeclarationNode node) => node switch
    {
        ScalarNode { IsNull: true } => "nothing (null)",
        ScalarNode { Quoted: true } scalar => $"the string \"{Shorten(scalar.Text)}\"",
        ScalarNode scalar => $"'{Shorten(scalar.Text)}'",
        SequenceNode => "a list",
        MappingNode => "a mapping",
        TypeReferenceNode type => $"the type {type.FullyQualifiedName}",
        _ => "something else",
    };

    static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
}
