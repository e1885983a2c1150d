using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DslRunner.Generator.Model;

namespace DslRunner.Generator.Schema;

/// <summary>
/// The DSL's schema, declared once: the binder reads declarations through it, the emitter takes C# type and
/// parameter names from it, and the JSON Schema for editors is generated from it.
/// </summary>
public abstract class SchemaType
{
    /// <summary>What a value must be, for messages: "an integer", "a mapping".</summary>
    public abstract string Expectation { get; }
}

/// <param name="clrType">"int" or "long": the runtime parameter's type, which bounds the value.</param>
public sealed class IntegerType(long minimum, string clrType = "int") : SchemaType
{
    public long Minimum { get; } = minimum;
    public long Maximum { get; } = clrType == "long" ? long.MaxValue : int.MaxValue;
    public override string Expectation => "an integer";
    public string RangeText => Minimum == 0 ? "≥ 0" : "≥ " + Minimum.ToString(CultureInfo.InvariantCulture);
}

public sealed class NumberType(double minimum, bool minimumExclusive, double maximum, bool maximumExclusive) : SchemaType
{
    public double Minimum { get; } = minimum;
    public bool MinimumExclusive { get; } = minimumExclusive;
    public double Maximum { get; } = maximum;
    public bool MaximumExclusive { get; } = maximumExclusive;
    public override string Expectation => "a number";

    public bool Contains(double value) =>
        (MinimumExclusive ? value > Minimum : value >= Minimum) &&
        (double.IsPositiveInfinity(Maximum) || (MaximumExclusive ? value < Maximum : value <= Maximum));

    public string RangeText => double.IsPositiveInfinity(Maximum)
        ? (MinimumExclusive ? "> " : "≥ ") + Minimum.ToString(CultureInfo.InvariantCulture)
        : string.Format(CultureInfo.InvariantCulture, "in {0}{1}, {2}{3}",
            MinimumExclusive ? "(" : "[", Minimum, Maximum, MaximumExclusive ? ")" : "]");

    public static NumberType AtLeast(double minimum) => new(minimum, false, double.PositiveInfinity, false);
    public static NumberType Above(double minimum) => new(minimum, true, double.PositiveInfinity, false);
    public static NumberType Probability => new(0, true, 1, false);
    public static NumberType Fraction => new(0, false, 1, true);
}

public sealed class BooleanType : SchemaType
{
    public static readonly BooleanType Instance = new();
    public override string Expectation => "true or false";
}

public sealed class StringType : SchemaType
{
    public static readonly StringType Instance = new();
    public override string Expectation => "a string";
}

/// <summary>One spelling the DSL accepts and the C# enum member it means.</summary>
public sealed record Choice(string Name, string Member, string Description)
{
    /// <summary>For a trained tokenizer: the smallest useful explicit vocabulary, and why (0: no minimum).</summary>
    public (long Size, string Reason) MinimumVocabulary { get; init; }

    /// <summary>For a tokenizer with a fixed vocabulary: its size (0: trained).</summary>
    public long FixedVocabulary { get; init; }

    /// <summary>For a tokenizer whose vocabulary is whatever symbols the corpus holds (no size to declare).</summary>
    public bool VocabularyOfCorpus { get; init; }

    /// <summary>For a corpus: whether it reads the files named by <c>data.path</c>.</summary>
    public bool ReadsPath { get; init; }

    /// <summary>
    /// For a tokenizer kind or a corpus: the runtime record that builds it and says what the kind must tell (its code,
    /// its provenance), as a fully qualified C# type name. The runtime resolves it once and fails on a missing record.
    /// </summary>
    public string? Record { get; init; }
}

/// <summary>A closed set of names. <see cref="CSharpType"/> null means the value stays a string (e.g. metric names).</summary>
public sealed class ChoiceType(string noun, string? cSharpType, IReadOnlyList<Choice> choices) : SchemaType
{
    public string Noun { get; } = noun;
    public string? CSharpType { get; } = cSharpType;
    public IReadOnlyList<Choice> Choices { get; } = choices;
    public override string Expectation => Noun;
    public Choice? Find(string name) => Choices.FirstOrDefault(c => c.Name == name);
    public string ChoiceList => string.Join(", ", Choices.Select(c => c.Name));
}

public sealed class ListType(SchemaType item, string elementCSharpType, int minimumCount) : SchemaType
{
    /// <summary>Whether the C# front end may add items naming a C# type (<c>[Metric(typeof(T))]</c> in eval.metrics).</summary>
    public bool AcceptsCSharpTypes { get; init; }

    public SchemaType Item { get; } = item;
    public string ElementCSharpType { get; } = elementCSharpType;
    public int MinimumCount { get; } = minimumCount;
    public override string Expectation => "a list";
}

/// <summary>
/// A mapping with fixed keys that binds to one runtime config record. For a component (a model kind, a loss term, a
/// decoder) it is the component's whole description on the DSL side: tag, record, fields, its C# attribute and what it
/// provides or needs. The runtime builds the component from the record itself (its <c>Build</c> method).
/// </summary>
/// <param name="tag">The DSL name of this record (a section key, a model kind, a loss term or decoder name).</param>
/// <param name="attribute">The C# front end's attribute for a component, without "Attribute" (null: a section, listed by the attribute catalog).</param>
/// <param name="provides">Features a model kind offers (e.g. "a KV cache").</param>
/// <param name="needs">A feature a decoder needs from the model kind.</param>
public sealed class RecordType(
    string tag, string cSharpType, string description, IReadOnlyList<Field> fields,
    string? attribute = null, IReadOnlyList<string>? provides = null, string? needs = null)
    : SchemaType
{
    public string Tag { get; } = tag;
    public string CSharpType { get; } = cSharpType;
    public string Description { get; } = description;
    public IReadOnlyList<Field> Fields { get; } = fields;
    public string? Attribute { get; } = attribute;
    public IReadOnlyList<string> Provides { get; } = provides ?? [];
    public string? Needs { get; } = needs;
    public override string Expectation => "a mapping";
    public Field? Find(string key) => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>The field <paramref name="key"/> is an older spelling of, if any.</summary>
    public Field? FindFormer(string key) => Fields.FirstOrDefault(f => f.FormerKey == key);
}

/// <summary>
/// A mapping whose <c>kind</c> key picks one of several records (e.g. model: transformer | lstm). Such a section is a
/// config group: an override (--set, a variant, a sweep value) naming another kind replaces the whole section instead
/// of merging into it (<see cref="Resolution.OverridePath.SwitchesKind"/>).
/// </summary>
public sealed class KindUnionType(string noun, string baseCSharpType, IReadOnlyList<RecordType> kinds) : SchemaType
{
    public const string DiscriminatorKey = "kind";
    public string Noun { get; } = noun;
    public string BaseCSharpType { get; } = baseCSharpType;
    public IReadOnlyList<RecordType> Kinds { get; } = kinds;
    public override string Expectation => "a mapping";
    public RecordType? Find(string tag) => Kinds.FirstOrDefault(k => k.Tag == tag);
}

/// <summary>A list of single-key mappings, each key naming a record: <c>- capacity: { lambda: 0.1 }</c>.</summary>
public sealed class TaggedListType(string noun, string elementCSharpType, IReadOnlyList<RecordType> entries, int minimumCount = 0)
    : SchemaType
{
    public string Noun { get; } = noun;
    public string ElementCSharpType { get; } = elementCSharpType;
    public IReadOnlyList<RecordType> Entries { get; } = entries;
    public int MinimumCount { get; } = minimumCount;
    public override string Expectation => "a list";
    public RecordType? Find(string tag) => Entries.FirstOrDefault(e => e.Tag == tag);
}

/// <summary>A key handled before binding (extends, variants, sweep): described for editors, never emitted.</summary>
public sealed class DirectiveType(string expectation, string jsonType) : SchemaType
{
    public string JsonType { get; } = jsonType;
    public override string Expectation { get; } = expectation;
}

/// <summary>How a missing key is filled in.</summary>
public abstract record FieldDefault
{
    /// <summary>The key must be written.</summary>
    public static readonly FieldDefault Required = new RequiredDefault();

    /// <summary>Bind an empty mapping: every key of the record takes its own default.</summary>
    public static readonly FieldDefault EmptyRecord = new EmptyRecordDefault();

    public static FieldDefault Of(ConfigValue value) => new ValueDefault(value);
}

public sealed record RequiredDefault : FieldDefault;

public sealed record EmptyRecordDefault : FieldDefault;

public sealed record ValueDefault(ConfigValue Value) : FieldDefault;

/// <param name="Parameter">The runtime constructor parameter; null for directives that never reach C#.</param>
/// <param name="Nullable">Whether <c>null</c> (or <c>~</c>) is a valid value.</param>
/// <param name="FormerKey">An older spelling of <paramref name="Key"/>, still read with warning DSL0060 (<see cref="Resolution.FormerKeys"/>).</param>
public sealed record Field(string Key, string? Parameter, SchemaType Type, FieldDefault Default, string Description, bool Nullable = false,
    string? FormerKey = null);
