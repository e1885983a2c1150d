using System.Linq;

namespace DslRunner.Generator.Schema;

/// <summary>
/// Writes the JSON Schema (draft 2020-12) of <c>*.study.yaml</c> from <see cref="StudySchema"/>, so editors complete
/// and check the keys, sections and choices the study builder accepts. What needs the project (experiment and measure
/// names, checks' references, a budget's runtime) is the build's to check.
/// </summary>
public static class StudySchemaWriter
{
    public const string FileName = "study.schema.json";

    public static string Write()
    {
        var defs = new Json();
        var schema = Section(StudySchema.Study, defs);
        var root = new Json
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://dslrunner.dev/schema/study.schema.json",
            ["title"] = "DslRunner study",
        };
        foreach (var (key, value) in schema) root[key] = value;
        root["description"] = StudySchema.Study.Description + " (a *.study.yaml file)";
        root["$defs"] = defs;
        return JsonText.Write(root);
    }

    static Json Section(SectionType section, Json defs)
    {
        var properties = new Json();
        foreach (var key in section.Keys.Where(k => k.FormerOf is null))
        {
            var description = Describe(key.Type, defs);
            description["description"] = key.Description;
            properties[key.Key] = description;
        }
        var definition = new Json
        {
            ["type"] = "object",
            ["description"] = section.Description,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = section.Keys.Where(k => k.Required).Select(k => (object)k.Key).ToArray();
        if (required.Length > 0) definition["required"] = required;
        return definition;
    }

    static Json Describe(SchemaType type, Json defs)
    {
        switch (type)
        {
            case IntegerType integer:
                return new Json { ["type"] = "integer", ["minimum"] = integer.Minimum, ["maximum"] = integer.Maximum };
            case BooleanType:
                return new Json { ["type"] = "boolean" };
            // The builder reads any scalar as text (a source such as 001 is a number to YAML).
            case StringType:
                return new Json { ["type"] = new object[] { "string", "number", "boolean" } };
            case ChoiceType choice:
                return new Json
                {
                    ["oneOf"] = choice.Choices.Select(c => (object)new Json { ["const"] = c.Name, ["description"] = c.Description }).ToArray(),
                };
            case ListType list:
                return new Json { ["type"] = "array", ["items"] = Describe(list.Item, defs), ["minItems"] = (long)list.MinimumCount };
            case OneOrListType oneOrList:
                return new Json { ["anyOf"] = new object[] { Describe(oneOrList.Item, defs), new Json { ["type"] = "array", ["items"] = Describe(oneOrList.Item, defs) } } };
            case OverridesType:
                return new Json { ["type"] = "object", ["additionalProperties"] = new Json { ["not"] = new Json { ["type"] = "object" } } };
            case NamedSectionsType named:
                // A $ref is a URI reference: a noun of two words is named with a hyphen ("budget arm" → budget-arm).
                string name = named.Entry.Noun.Replace(' ', '-');
                if (defs.TryGet(name) is null) defs[name] = Section(named.Entry, defs);
                var mapping = new Json { ["type"] = "object", ["additionalProperties"] = new Json { ["$ref"] = "#/$defs/" + name } };
                if (named.MinimumCount > 0) mapping["minProperties"] = (long)named.MinimumCount;
                return mapping;
            default:
                return new Json();
        }
    }
}
