using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DslRunner.Config;

namespace DslRunner.Runs;

/// <summary>
/// Flattens a resolved config into the DSL's own key paths — <c>model.d_model</c>, <c>loss.capacity.lambda</c>,
/// <c>decode.top_p.p</c> — so two configs can be compared key by key. Keys left out of the config JSON when unset
/// appear here at their defaults, so a change from the default reads as one (<c>model.positions learned → rope</c>).
/// </summary>
public static class ConfigPaths
{
    public static SortedDictionary<string, string> Flatten(ExperimentConfig config)
    {
        var node = JsonSerializer.SerializeToNode(config, ConfigJson.WithUnsetKeys)!;
        var paths = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Visit(node, "", paths);
        paths.Remove("name");
        return paths;
    }

    static void Visit(JsonNode? node, string path, SortedDictionary<string, string> paths, bool keyedByKind = false)
    {
        switch (node)
        {
            case JsonObject obj:
                string kind = obj["$kind"]?.GetValue<string>() ?? "";
                if (kind.Length > 0 && !keyedByKind) paths[Join(path, "kind")] = kind;
                foreach (var (key, child) in obj)
                    if (key != "$kind") Visit(child, Join(path, key), paths);
                if (obj.Count == (kind.Length > 0 ? 1 : 0)) paths[path] = "{}";
                break;
            case JsonArray array when array.All(item => item is JsonObject o && o.ContainsKey("$kind")):
                // Loss terms and decoders are keyed by their kind, as in the DSL; a repeated kind gets an index.
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var item in array)
                {
                    string itemKind = item!["$kind"]!.GetValue<string>();
                    int count = seen[itemKind] = seen.GetValueOrDefault(itemKind) + 1;
                    Visit(item, Join(path, count == 1 ? itemKind : $"{itemKind}[{count}]"), paths, keyedByKind: true);
                }
                if (array.Count == 0) paths[path] = "[]";
                break;
            case JsonArray array:
                paths[path] = "[" + string.Join(", ", array.Select(Scalar)) + "]";
                break;
            default:
                paths[path] = Scalar(node);
                break;
        }
    }

    static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(value.GetValue<string>(), ConfigJson.Options),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
