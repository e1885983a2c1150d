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
        (typeof(DataConfig), nameof(DataConfig.RecallShare)),
        (typeof(DataConfig), nameof(DataConfig.Bytes)),
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
