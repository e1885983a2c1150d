using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DslRunner.Generator.Schema;

/// <summary>
/// Writes the JSON Schema (draft 2020-12) of <c>*.experiment.yaml</c> from <see cref="ExperimentSchema"/>, so
/// editors complete and check the same keys, types, ranges and choices the generator accepts.
/// </summary>
/// <remarks>
/// Files that <c>extends</c> another or are <c>abstract</c> may leave out required keys (the base supplies
/// them), so every record is described twice: strictly, and as a partial override without required keys.
/// </remarks>
public static class JsonSchemaWriter
{
    public const string FileName = "experiment.schema.json";

    public static string Write()
    {
        var root = ExperimentSchema.Experiment;
        var defs = new Json();
        var strict = new Json();
        var partial = new Json();
        var loose = new Json();
        foreach (var field in root.Fields)
        {
            loose.Add(field.Key, new Json { ["description"] = field.Description });
            strict.Add(field.Key, Describe(field, defs, partialRecords: false));
            partial.Add(field.Key, Describe(field, defs, partialRecords: true));
        }
        var inherits = new Json
        {
            ["anyOf"] = new object[]
            {
                new Json { ["required"] = new object[] { ExperimentSchema.ExtendsKey } },
                new Json
                {
                    ["properties"] = new Json { [ExperimentSchema.AbstractKey] = new Json { ["const"] = true } },
                    ["required"] = new object[] { ExperimentSchema.AbstractKey },
                },
            },
        };
        var schema = new Json
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://dslrunner.dev/schema/experiment.schema.json",
            ["title"] = "DslRunner experiment",
            ["description"] = root.Description + " (a *.experiment.yaml file)",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = loose,
            ["if"] = inherits,
            ["then"] = new Json { ["properties"] = partial },
            ["else"] = new Json { ["properties"] = strict, ["required"] = Required(root) },
            ["$defs"] = defs,
        };
        return JsonText.Write(schema);
    }

    static object Describe(Field field, Json defs, bool partialRecords)
    {
        var description = Describe(field.Type, defs, partialRecords);
        description["description"] = field.Description + DefaultText(field);
        if (field.Nullable && description.TryGet("type") is string type) description["type"] = new object[] { type, "null" };
        return description;
    }

    static string DefaultText(Field field) => field.Default switch
    {
        ValueDefault { Value: var value } when Literal(value) is { } text => " (default: " + text + ")",
        _ => "",
    };

    static string? Literal(Model.ConfigValue value) => value switch
    {
        Model.IntegerValue integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        Model.NumberValue number => number.Value.ToString("R", CultureInfo.InvariantCulture),
        Model.StringValue text => text.Value.Length == 0 ? "\"\"" : text.Value,
        Model.EnumValue choice => choice.Choice,
        Model.BooleanValue flag => flag.Value ? "true" : "false",
        Model.NullValue => "none",
        _ => null,
    };

    static Json Describe(SchemaType type, Json defs, bool partialRecords)
    {
        switch (type)
        {
            case IntegerType integer:
                var integerSchema = new Json { ["type"] = "integer", ["minimum"] = integer.Minimum };
                if (integer.Maximum != long.MaxValue) integerSchema["maximum"] = integer.Maximum;
                return integerSchema;
            case NumberType number:
                var numberSchema = new Json { ["type"] = "number", [number.MinimumExclusive ? "exclusiveMinimum" : "minimum"] = number.Minimum };
                if (!double.IsPositiveInfinity(number.Maximum)) numberSchema[number.MaximumExclusive ? "exclusiveMaximum" : "maximum"] = number.Maximum;
                return numberSchema;
            case StringType:
                return new Json { ["type"] = "string" };
            case BooleanType:
                return new Json { ["type"] = "boolean" };
            case ChoiceType choice:
                return new Json
                {
                    ["oneOf"] = choice.Choices.Select(c => (object)new Json { ["const"] = c.Name, ["description"] = c.Description }).ToArray(),
                };
            case ListType list:
                return new Json { ["type"] = "array", ["items"] = Describe(list.Item, defs, partialRecords), ["minItems"] = (long)list.MinimumCount };
            case RecordType record:
                return new Json { ["$ref"] = Define(record, defs, partialRecords, extraKind: null) };
            case KindUnionType union:
                return new Json
                {
                    ["type"] = "object",
                    ["oneOf"] = union.Kinds.Select(k => (object)new Json { ["$ref"] = Define(k, defs, partialRecords, extraKind: k.Tag) }).ToArray(),
                };
            case TaggedListType tagged:
                var entries = tagged.Entries
                    .Select(entry => (object)new Json
                    {
                        ["type"] = "object",
                        ["properties"] = new Json { [entry.Tag] = new Json { ["$ref"] = Define(entry, defs, partialRecords, extraKind: null) } },
                        ["required"] = new object[] { entry.Tag },
                        ["additionalProperties"] = false,
                    })
                    .Concat([new Json { ["enum"] = tagged.Entries.Select(e => (object)e.Tag).ToArray() }])
                    .ToArray();
                return new Json { ["type"] = "array", ["items"] = new Json { ["oneOf"] = entries }, ["minItems"] = (long)tagged.MinimumCount };
            case DirectiveType directive when directive.JsonType == "object":
                return new Json { ["type"] = "object" };
            case DirectiveType directive:
                return new Json { ["type"] = new object[] { directive.JsonType, "null" } };
            default:
                return new Json();
        }
    }

    /// <summary>Adds the record to $defs once and returns its reference.</summary>
    static string Define(RecordType record, Json defs, bool partialRecords, string? extraKind)
    {
        string name = record.Tag + (partialRecords ? ".partial" : "");
        string reference = "#/$defs/" + name;
        if (defs.TryGet(name) is not null) return reference;
        defs[name] = new Json();
        var properties = new Json();
        if (extraKind is not null)
            properties[KindUnionType.DiscriminatorKey] = new Json { ["const"] = extraKind, ["description"] = record.Description };
        foreach (var field in record.Fields.Where(f => f.Parameter is not null))
            properties[field.Key] = Describe(field, defs, partialRecords);
        var definition = new Json
        {
            ["type"] = record.Fields.Any(f => f.Default is RequiredDefault) && !partialRecords ? "object" : new object[] { "object", "null" },
            ["description"] = record.Description,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = Required(record).Concat(extraKind is null ? [] : new object[] { KindUnionType.DiscriminatorKey }).ToArray();
        if (!partialRecords && required.Length > 0) definition["required"] = required;
        defs[name] = definition;
        return reference;
    }

    static object[] Required(RecordType record) =>
        record.Fields.Where(f => f.Default is RequiredDefault).Select(f => (object)f.Key).ToArray();
}
