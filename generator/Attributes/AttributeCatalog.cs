using System.Collections.Generic;
using System.Linq;
using DslRunner.Generator.Schema;

namespace DslRunner.Generator.Attributes;

/// <summary>Where an attribute's settings go in the declaration tree.</summary>
internal enum Placement
{
    /// <summary>A mapping at <see cref="AttributeBinding.Path"/> (e.g. data, train.optimizer).</summary>
    Section,
    /// <summary>The model mapping, with <c>kind</c> set to the record's tag.</summary>
    ModelKind,
    /// <summary>One entry appended to the list at the path (loss terms, decoders).</summary>
    ListEntry,
}

/// <summary>One attribute of the C# front end and the schema record it declares.</summary>
/// <param name="Name">The attribute's name without the "Attribute" suffix.</param>
internal sealed record AttributeBinding(string Name, RecordType Record, string[] Path, Placement Placement)
{
    public string ClassName => Name + "Attribute";
    public string MetadataName => AttributeCatalog.Namespace + "." + ClassName;
}

/// <summary>
/// The attributed C# front end's vocabulary, derived from the same schema as YAML: one attribute per record,
/// one property per key (named as the runtime record's parameter).
/// </summary>
internal static class AttributeCatalog
{
    public const string Namespace = "DslRunner.Declarations";
    public const string ExperimentAttribute = Namespace + ".ExperimentAttribute";
    public const string VariantAttribute = Namespace + ".VariantAttribute";
    public const string SweepAttribute = Namespace + ".SweepAttribute";

    /// <summary>The sections by hand; every component (model kind, loss term, decoder) by the attribute its descriptor names.</summary>
    public static readonly IReadOnlyList<AttributeBinding> Bindings =
    [
        new("Data", ExperimentSchema.Data, ["data"], Placement.Section),
        new("Tokenizer", ExperimentSchema.Tokenizer, ["tokenizer"], Placement.Section),
        .. Components(ExperimentSchema.Model.Kinds, "model", Placement.ModelKind),
        .. Components(ExperimentSchema.Loss.Entries, "loss", Placement.ListEntry),
        new("Train", ExperimentSchema.Train, ["train"], Placement.Section),
        new("Optimizer", ExperimentSchema.OptimizerSettings, ["train", "optimizer"], Placement.Section),
        new("Schedule", ExperimentSchema.Schedule, ["train", "schedule"], Placement.Section),
        new("EarlyStopping", ExperimentSchema.EarlyStopping, ["train", "early_stopping"], Placement.Section),
        new("Sparsity", ExperimentSchema.Sparsity, ["sparsity"], Placement.Section),
        .. Components(ExperimentSchema.Decode.Entries, "decode", Placement.ListEntry),
        new("Eval", ExperimentSchema.Eval, ["eval"], Placement.Section),
    ];

    static IEnumerable<AttributeBinding> Components(IReadOnlyList<RecordType> records, string key, Placement placement) =>
        records.Select(record => new AttributeBinding(record.Attribute!, record, [key], placement));

    static readonly Dictionary<string, AttributeBinding> byMetadataName = Bindings.ToDictionary(b => b.MetadataName);

    public static AttributeBinding? Find(string metadataName) => byMetadataName.TryGetValue(metadataName, out var binding) ? binding : null;

    /// <summary>The attribute property of a field's old spelling (<c>lambda</c> → <c>Lambda</c>), or null when it has none.</summary>
    public static string? FormerProperty(Field field) =>
        field.FormerKey is { Length: > 0 } key
            ? string.Concat(key.Split('_').Where(part => part.Length > 0).Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)))
            : null;

    /// <summary>The C# type of an attribute property for a schema value, or null when the key has no property (nested records).</summary>
    public static string? PropertyType(SchemaType type) => type switch
    {
        IntegerType { Maximum: long.MaxValue } => "long",
        IntegerType => "int",
        NumberType => "double",
        StringType => "string",
        BooleanType => "bool",
        ChoiceType { CSharpType: { } enumType } => enumType,
        ChoiceType => "string",
        ListType { Item: StringType or ChoiceType { CSharpType: null } } => "string[]",
        _ => null,
    };
}
