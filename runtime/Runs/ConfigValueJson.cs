using System.Text.Json;
using DslRunner.Config;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;

namespace DslRunner.Runs;

/// <summary>
/// A bound declaration as the config's JSON, read back with the serializer that reads every manifest: a run with
/// overrides is built the way a resumed run is, with no second construction path.
/// </summary>
internal static class ConfigValueJson
{
    const string KindProperty = "$kind";

    /// <summary>The records whose JSON carries their DSL tag as the kind: model kinds, loss terms, decoders.</summary>
    static readonly HashSet<string> TaggedRecords = [.. ComponentTags.Components.Select(r => r.CSharpType)];

    public static ExperimentConfig ToConfig(RecordValue experiment)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, experiment);
        return JsonSerializer.Deserialize<ExperimentConfig>(buffer.ToArray(), ConfigJson.Options)
            ?? throw new InvalidOperationException("the bound declaration read back as no config");
    }

    static void Write(Utf8JsonWriter writer, ConfigValue value)
    {
        switch (value)
        {
            case NullValue: writer.WriteNullValue(); break;
            case StringValue text: writer.WriteStringValue(text.Value); break;
            case BooleanValue flag: writer.WriteBooleanValue(flag.Value); break;
            case IntegerValue integer: writer.WriteNumberValue(integer.Value); break;
            case NumberValue number: writer.WriteNumberValue(number.Value); break;
            case EnumValue choice: writer.WriteStringValue(JsonNamingPolicy.SnakeCaseLower.ConvertName(choice.Member)); break;
            case ListValue list:
                writer.WriteStartArray();
                foreach (var item in list.Items) Write(writer, item);
                writer.WriteEndArray();
                break;
            case RecordValue record:
                writer.WriteStartObject();
                if (TaggedRecords.Contains(record.CSharpType)) writer.WriteString(KindProperty, record.Tag);
                foreach (var argument in record.Arguments)
                {
                    writer.WritePropertyName(JsonNamingPolicy.SnakeCaseLower.ConvertName(argument.Parameter));
                    Write(writer, argument.Value);
                }
                writer.WriteEndObject();
                break;
            case TypeValue custom:
                throw new InvalidOperationException($"{custom.FullyQualifiedName} is C# code and cannot be rebuilt from a declaration");
            default:
                throw new InvalidOperationException($"unexpected value {value.GetType().Name}");
        }
    }
}
