using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DslRunner.Config;
using DslRunner.Generator.Model;

namespace DslRunner.Runs;

/// <summary>
/// Flattens a resolved config into the DSL's own key paths (<see cref="KeyPaths"/>, which review shares) —
/// <c>model.d_model</c>, <c>loss.capacity.lambda</c>, <c>decode.top_p.p</c> — so two configs can be compared key by key.
/// Keys left out of the config JSON when unset appear here at their defaults, so a change from the default reads as one
/// (<c>model.positions learned → rope</c>).
/// </summary>
public static class ConfigPaths
{
    public static SortedDictionary<string, string> Flatten(ExperimentConfig config)
    {
        var node = JsonSerializer.SerializeToNode(config, ConfigJson.WithUnsetKeys)!;
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        KeyPaths.Flatten(JsonTree.Instance, node, "", (path, text, _) => paths[path] = text);
        paths.Remove("name");
        return paths;
    }

    /// <summary>The config's JSON: a <c>$kind</c> names a record's kind; an array of such records is a kinded list.</summary>
    sealed class JsonTree : IKeyTree<JsonNode?>
    {
        public static readonly JsonTree Instance = new();

        public KeyNodeShape ShapeOf(JsonNode? node) => node switch
        {
            JsonObject => KeyNodeShape.Record,
            JsonArray array when array.All(item => item is JsonObject o && o.ContainsKey("$kind")) => KeyNodeShape.KindedList,
            JsonArray => KeyNodeShape.List,
            _ => KeyNodeShape.Scalar,
        };

        public string? KindOf(JsonNode? record, string path) => record!["$kind"]?.GetValue<string>() is { Length: > 0 } kind ? kind : null;

        public IEnumerable<KeyValuePair<string, JsonNode?>> FieldsOf(JsonNode? record) => record!.AsObject().Where(field => field.Key != "$kind");

        public IReadOnlyList<JsonNode?> ItemsOf(JsonNode? list) => [.. list!.AsArray()];

        public string ItemKindOf(JsonNode? item) => item!["$kind"]!.GetValue<string>();

        public string ItemText(JsonNode? item) => Text(item);

        public string Text(JsonNode? node) => node switch
        {
            null => "null",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(value.GetValue<string>(), ConfigJson.Options),
            JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
            _ => node.ToJsonString(),
        };
    }
}
