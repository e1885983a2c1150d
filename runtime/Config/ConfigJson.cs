using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
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
    ];

    public static readonly JsonSerializerOptions Options = Create(omitUnsetKeys: true);

    /// <summary>
    /// The form in which runs were recorded for a while, with <see cref="WrittenWhenSet"/> written out at their
    /// defaults: only for recognising those runs' config hashes.
    /// </summary>
    internal static readonly JsonSerializerOptions WithUnsetKeys = Create(omitUnsetKeys: false);

    public static string Serialize(ExperimentConfig config) => JsonSerializer.Serialize(config, Options);

    static JsonSerializerOptions Create(bool omitUnsetKeys)
    {
        var resolver = new DefaultJsonTypeInfoResolver { Modifiers = { ComponentTags.AddKinds } };
        if (omitUnsetKeys) resolver.Modifiers.Add(OmitUnsetKeys);
        return new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver,
        };
    }

    static void OmitUnsetKeys(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is not MemberInfo member || !WrittenWhenSet.Contains((type.Type, member.Name))) continue;
            object? unset = property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                ? Activator.CreateInstance(property.PropertyType)
                : null;
            property.ShouldSerialize = (_, value) => !Equals(value, unset);
        }
    }
}
