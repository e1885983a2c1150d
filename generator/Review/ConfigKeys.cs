using System.Globalization;
using System.Text;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;

namespace DslRunner.Review;

/// <summary>A resolved key's value as text, and the file that declared it (null for a default the schema filled in).</summary>
internal sealed record KeyValue(string Text, string? DeclaredIn);

/// <summary>
/// Flattens a bound config into the DSL's key paths with <see cref="KeyPaths"/>, as the runtime's <c>ConfigPaths</c>
/// flattens a run's config for <c>diff</c>. Works on the generator's values, so C# loss terms (which no runtime config can
/// hold) are keys too, and each key knows the file that declared it.
/// </summary>
internal static class ConfigKeys
{
    public static SortedDictionary<string, KeyValue> Flatten(RecordValue config)
    {
        var keys = new SortedDictionary<string, KeyValue>(StringComparer.Ordinal);
        foreach (var argument in config.Arguments)
            if (argument.Key != ExperimentSchema.ExperimentKey)
                KeyPaths.Flatten(ValueTree.Instance, argument.Value, argument.Key, (path, text, node) => keys[path] = new KeyValue(text, node.Span?.Path));
        return keys;
    }

    /// <summary>The generator's bound values: a record's tag is its kind where it differs from its key; C# types are items of kinded lists.</summary>
    sealed class ValueTree : IKeyTree<ConfigValue>
    {
        public static readonly ValueTree Instance = new();

        public KeyNodeShape ShapeOf(ConfigValue node) => node switch
        {
            RecordValue => KeyNodeShape.Record,
            ListValue { Items.Count: 0 } => KeyNodeShape.KindedList,
            ListValue list when list.ElementType != "string" && list.Items.All(item => item is RecordValue or TypeValue) => KeyNodeShape.KindedList,
            ListValue => KeyNodeShape.List,
            _ => KeyNodeShape.Scalar,
        };

        public string? KindOf(ConfigValue record, string path) =>
            ((RecordValue)record).Tag is var tag && tag != path[(path.LastIndexOf('.') + 1)..] ? tag : null;

        public IEnumerable<KeyValuePair<string, ConfigValue>> FieldsOf(ConfigValue record) =>
            ((RecordValue)record).Arguments.Select(argument => new KeyValuePair<string, ConfigValue>(argument.Key, argument.Value));

        public IReadOnlyList<ConfigValue> ItemsOf(ConfigValue list) => [.. ((ListValue)list).Items];

        public string ItemKindOf(ConfigValue item) => item is RecordValue record ? record.Tag : "custom";

        public string ItemText(ConfigValue item) => item is TypeValue type ? type.FullyQualifiedName : Text(item);

        public string Text(ConfigValue value) => value switch
        {
            IntegerValue integer => integer.Value.ToString(CultureInfo.InvariantCulture),
            NumberValue number => number.Value.ToString("R", CultureInfo.InvariantCulture),
            StringValue text => Quote(text.Value),
            EnumValue choice => choice.Choice,
            BooleanValue flag => flag.Value ? "true" : "false",
            NullValue => "null",
            TypeValue type => type.DisplayName,
            _ => value.ToString() ?? "",
        };
    }

    static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is '"' or '\\') quoted.Append('\\').Append(c);
            else if (c == '\n') quoted.Append("\\n");
            else if (char.IsControl(c)) quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
