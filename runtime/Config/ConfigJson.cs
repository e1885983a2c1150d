using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DslRunner.Models;

namespace DslRunner.Config;

/// <summary>The resolved config as JSON, with the DSL's own snake_case key names.</summary>
public static class ConfigJson
{
    /// <summary>
    /// Keys added after experiments were already recorded without them, written only when set to something other
    /// than their default: an experiment that does not use them keeps the config JSON and hash it had before.
    /// </summary>
    static readonly (Type Record, string Property)[] WrittenWhenSet =
    [
        (typeof(TransformerConfig), nameof(TransformerConfig.Positions)),
        (typeof(DataConfig), nameof(DataConfig.Seed)),
        (typeof(DataConfig), nameof(DataConfig.TrainTokens)),
        (typeof(DataConfig), nameof(DataConfig.RecallShare)),
        (typeof(DataConfig), nameof(DataConfig.Bytes)),
        (typeof(DataConfig), nameof(DataConfig.RecallNames)),
        (typeof(TrainConfig), nameof(TrainConfig.EarlyStopping)),
        (typeof(TrainConfig), nameof(TrainConfig.KeepBest)),
        (typeof(CustomLossConfig), nameof(CustomLossConfig.Arguments)),
        (typeof(CustomDecoderConfig), nameof(CustomDecoderConfig.Arguments)),
    ];

    /// <summary>The keys of <see cref="WrittenWhenSet"/> that runs recorded for a while wrote out at their defaults.</summary>
    static readonly (Type Record, string Property)[] FormerlyWrittenAtDefaults = WrittenWhenSet[..3];

    public static readonly JsonSerializerOptions Options = Create(WrittenWhenSet);

    /// <summary>Every key written, unset ones at their defaults: for comparing configs key by key.</summary>
    internal static readonly JsonSerializerOptions WithUnsetKeys = Create([]);

    /// <summary>
    /// The form in which runs were recorded for a while, with <see cref="FormerlyWrittenAtDefaults"/> written out at their
    /// defaults: only for recognising those runs' config hashes.
    /// </summary>
    internal static readonly JsonSerializerOptions AsFormerlyRecorded = Create([.. WrittenWhenSet.Except(FormerlyWrittenAtDefaults)]);

    public static string Serialize(ExperimentConfig config) => JsonSerializer.Serialize(config, Options);

    /// <summary>
    /// Keys of a component's record that were recorded under another name (the DSL reads the old spelling with warning
    /// DSL0060): runs and plans written before the rename still read, and their config hashes are still recognised.
    /// </summary>
    static readonly (string Kind, string Former, string Current)[] RenamedKeys = [("capacity", "lambda", "weight")];

    /// <summary>Recorded JSON (a manifest, a plan) with the keys of <see cref="RenamedKeys"/> under their current names.</summary>
    public static string WithCurrentKeys(string json) => Renamed(json, toCurrent: true);

    /// <summary>The config's JSON as runs recorded it before the keys of <see cref="RenamedKeys"/> were renamed; null when it has none of them.</summary>
    internal static string? WithFormerKeys(string json)
    {
        string renamed = Renamed(json, toCurrent: false);
        return renamed == json ? null : renamed;
    }

    static string Renamed(string json, bool toCurrent)
    {
        if (!RenamedKeys.Any(r => json.Contains('"' + (toCurrent ? r.Former : r.Current) + '"', StringComparison.Ordinal))) return json;
        var root = JsonNode.Parse(json);
        if (root is null || !Rename(root, toCurrent)) return json;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Renames in place, keeping each key's position (the recorded text hashes as it was written).</summary>
    static bool Rename(JsonNode node, bool toCurrent)
    {
        bool changed = false;
        switch (node)
        {
            case JsonObject obj:
                if (obj[ComponentTags.KindProperty] is JsonValue kind && kind.TryGetValue(out string? tag))
                    foreach (var (_, former, current) in RenamedKeys.Where(r => r.Kind == tag))
                    {
                        var (from, to) = toCurrent ? (former, current) : (current, former);
                        int index = obj.IndexOf(from);
                        if (index < 0 || obj.ContainsKey(to)) continue;
                        var value = obj[from];
                        obj.RemoveAt(index);
                        obj.Insert(index, to, value);
                        changed = true;
                    }
                foreach (var (_, child) in obj.ToList())
                    if (child is not null) changed |= Rename(child, toCurrent);
                break;
            case JsonArray array:
                foreach (var child in array)
                    if (child is not null) changed |= Rename(child, toCurrent);
                break;
        }
        return changed;
    }

    static JsonSerializerOptions Create((Type Record, string Property)[] omittedWhenUnset)
    {
        var resolver = new DefaultJsonTypeInfoResolver { Modifiers = { ComponentTags.AddKinds } };
        if (omittedWhenUnset.Length > 0) resolver.Modifiers.Add(type => OmitUnsetKeys(type, omittedWhenUnset));
        return new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver,
        };
    }

    static void OmitUnsetKeys(JsonTypeInfo type, (Type Record, string Property)[] omittedWhenUnset)
    {
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || !omittedWhenUnset.Contains((type.Type, member.Name))) continue;
            object? unset = property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                ? Activator.CreateInstance(property.PropertyType)
                : null;
            property.ShouldSerialize = (_, value) => !Equals(value, unset);
        }
    }
}
