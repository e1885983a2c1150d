using System.Text.Json.Serialization.Metadata;
using DslRunner.Generator.Schema;

namespace DslRunner.Config;

/// <summary>
/// The components of the catalog (<see cref="ExperimentSchema"/>: model kinds, loss terms, decoders) seen from the
/// runtime. Each record's DSL tag is read from its descriptor, never spelled a second time: it names the record's
/// <c>$kind</c> in JSON (registered here, not by attributes on the base records) and a decoder's default key.
/// </summary>
public static class ComponentTags
{
    /// <summary>The JSON property that holds a component record's tag.</summary>
    public const string KindProperty = "$kind";

    /// <summary>The tag of a C# component's record (<see cref="CustomLossConfig"/>, <see cref="CustomDecoderConfig"/>), which has no descriptor.</summary>
    public const string CustomKind = "custom";

    /// <summary>Every component descriptor, model kinds first, then loss terms, then decoders.</summary>
    public static IReadOnlyList<RecordType> Components { get; } =
        [.. ExperimentSchema.Model.Kinds, .. ExperimentSchema.Loss.Entries, .. ExperimentSchema.Decode.Entries];

    /// <summary>Each component family: the runtime base record and its members' descriptors.</summary>
    static readonly (Type Base, IReadOnlyList<RecordType> Members)[] Families =
    [
        (typeof(ModelConfig), ExperimentSchema.Model.Kinds),
        (typeof(LossTermConfig), ExperimentSchema.Loss.Entries),
        (typeof(DecoderConfig), ExperimentSchema.Decode.Entries),
    ];

    static readonly Dictionary<Type, string> TagByRecord = Families
        .SelectMany(family => family.Members.Select(member => (Type: RecordOf(member, family.Base), member.Tag)))
        .ToDictionary(entry => entry.Type, entry => entry.Tag);

    /// <summary>The DSL tag of a component's config record, e.g. <c>top_p</c> for <c>TopPConfig</c>.</summary>
    public static string Of(Type record) =>
        TagByRecord.TryGetValue(record, out var tag)
            ? tag
            : throw new InvalidOperationException($"{record.FullName} has no descriptor in generator/Core/Schema/ExperimentSchema.cs");

    /// <summary>
    /// A <see cref="DefaultJsonTypeInfoResolver"/> modifier: each base record (model, loss term, decoder) is written
    /// and read polymorphically, its members told apart by <c>$kind</c> = their catalog tag.
    /// </summary>
    public static void AddKinds(JsonTypeInfo info)
    {
        foreach (var (baseRecord, _) in Families)
        {
            if (info.Type != baseRecord) continue;
            var options = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = KindProperty,
                UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var (record, tag) in TagByRecord.Where(entry => entry.Key.IsSubclassOf(baseRecord)))
                options.DerivedTypes.Add(new JsonDerivedType(record, tag));
            if (baseRecord == typeof(LossTermConfig)) options.DerivedTypes.Add(new JsonDerivedType(typeof(CustomLossConfig), CustomKind));
            if (baseRecord == typeof(DecoderConfig)) options.DerivedTypes.Add(new JsonDerivedType(typeof(CustomDecoderConfig), CustomKind));
            info.PolymorphismOptions = options;
        }
    }

    /// <summary>The runtime record a descriptor names; a descriptor whose record is missing fails on first use.</summary>
    static Type RecordOf(RecordType descriptor, Type baseRecord)
    {
        const string prefix = "global::";
        string name = descriptor.CSharpType.StartsWith(prefix, StringComparison.Ordinal) ? descriptor.CSharpType[prefix.Length..] : descriptor.CSharpType;
        var record = baseRecord.Assembly.GetType(name);
        return record is not null && record.IsSubclassOf(baseRecord)
            ? record
            : throw new InvalidOperationException(
                $"the {descriptor.Tag} descriptor names {name}, which is no {baseRecord.Name} of the runtime");
    }
}
