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

    /// <param name="declared">The declared config, whose C# components' records stand in for the bound ones (their types): a C#
    /// decoder's key is known only to the generated code.</param>
    /// <exception cref="InvalidOverrideException">The declaration names a C# component the declared config does not have.</exception>
    public static ExperimentConfig ToConfig(RecordValue experiment, ExperimentConfig? declared = null)
    {
        using var buffer = new MemoryStream();
        var components = new CSharpComponents(declared);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, experiment, components);
        return JsonSerializer.Deserialize<ExperimentConfig>(buffer.ToArray(), ConfigJson.Options)
            ?? throw new InvalidOperationException("the bound declaration read back as no config");
    }

    static void Write(Utf8JsonWriter writer, ConfigValue value, CSharpComponents components, string elementType = "")
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
                foreach (var item in list.Items) Write(writer, item, components, list.ElementType);
                writer.WriteEndArray();
                break;
            case RecordValue record:
                writer.WriteStartObject();
                if (TaggedRecords.Contains(record.CSharpType)) writer.WriteString(KindProperty, record.Tag);
                foreach (var argument in record.Arguments)
                {
                    writer.WritePropertyName(JsonNamingPolicy.SnakeCaseLower.ConvertName(argument.Parameter));
                    Write(writer, argument.Value, components);
                }
                writer.WriteEndObject();
                break;
            case TypeValue custom when elementType.EndsWith("LossTermConfig", StringComparison.Ordinal):
                JsonSerializer.Serialize(writer, (LossTermConfig)components.Loss(custom.DisplayName), ConfigJson.Options);
                break;
            case TypeValue custom when elementType.EndsWith("DecoderConfig", StringComparison.Ordinal):
                JsonSerializer.Serialize(writer, (DecoderConfig)components.Decoder(custom.DisplayName), ConfigJson.Options);
                break;
            case TypeValue metric:
                writer.WriteStringValue(metric.DisplayName);
                break;
            default:
                throw new InvalidOperationException($"unexpected value {value.GetType().Name}");
        }
    }
}

/// <summary>The declared config's records of C# loss terms and decoders, handed out in declaration order by type.</summary>
sealed class CSharpComponents(ExperimentConfig? declared)
{
    readonly Queue<CustomLossConfig> loss = new(declared?.Loss.OfType<CustomLossConfig>() ?? []);
    readonly Queue<CustomDecoderConfig> decoders = new(declared?.Decode.OfType<CustomDecoderConfig>() ?? []);

    public CustomLossConfig Loss(string type) => Next(loss, type, l => l.Type, "loss term");

    public CustomDecoderConfig Decoder(string type) => Next(decoders, type, d => d.Type, "decoder");

    static T Next<T>(Queue<T> queue, string type, Func<T, string> typeOf, string what) =>
        queue.TryDequeue(out var next) && typeOf(next) == type
            ? next
            : throw new InvalidOverrideException($"--set: the C# {what} {type} stays as the experiment declares it; overrides cannot add, remove or reorder C# components");
}
