using DslRunner.Generator.Schema;

namespace DslRunner.Config;

/// <summary>
/// The components of the catalog (<see cref="ExperimentSchema"/>: model kinds, loss terms, decoders) seen from the
/// runtime: each record's DSL tag is read from its descriptor, never spelled a second time.
/// </summary>
public static class ComponentTags
{
    /// <summary>Every component descriptor, model kinds first, then loss terms, then decoders.</summary>
    public static IReadOnlyList<RecordType> Components { get; } =
        [.. ExperimentSchema.Model.Kinds, .. ExperimentSchema.Loss.Entries, .. ExperimentSchema.Decode.Entries];

    static readonly Dictionary<string, string> TagByRecord = Components.ToDictionary(r => r.CSharpType, r => r.Tag, StringComparer.Ordinal);

    /// <summary>The DSL tag of a component's config record, e.g. <c>top_p</c> for <see cref="TopPConfig"/>.</summary>
    public static string Of(Type record) =>
        TagByRecord.TryGetValue("global::" + record.FullName, out var tag)
            ? tag
            : throw new InvalidOperationException($"{record.FullName} has no descriptor in generator/Core/Schema/ExperimentSchema.cs");
}
