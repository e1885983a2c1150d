using System.Globalization;
using System.Text;
using DslRunner.Generator.Model;
using DslRunner.Generator.Schema;

namespace DslRunner.Review;

/// <summary>A resolved key's value as text, and the file that declared it (null for a default the schema filled in).</summary>
internal sealed record KeyValue(string Text, string? DeclaredIn);

/// <summary>
/// Flattens a bound config into the DSL's key paths, in the same shape as the runtime's <c>ConfigPaths</c> (which
/// flattens a run's config for <c>diff</c>): <c>model.d_model</c>, <c>model.kind</c>, loss terms and decoders keyed
/// by kind (<c>loss.capacity.lambda</c>, a repeated kind as <c>decode.sample[2]</c>), scalar lists as <c>[a, b]</c>.
/// Works on the generator's values, so C# loss terms (which no runtime config can hold) are keys too.
/// </summary>
internal static class ConfigKeys
{
    public static SortedDictionary<string, KeyValue> Flatten(RecordValue config)
    {
        var keys = new SortedDictionary<string, KeyValue>(StringComparer.Ordinal);
        foreach (var argument in config.Arguments)
            if (argument.Key != ExperimentSchema.ExperimentKey) Visit(argument.Value, argument.Key, keys);
        return keys;
    }

    static void Visit(ConfigValue value, string path, SortedDictionary<string, KeyValue> keys, bool keyedByKind = false)
    {
        switch (value)
        {
            case RecordValue record:
                if (!keyedByKind && record.Tag != Last(path)) keys[path + ".kind"] = new KeyValue(record.Tag, record.Span?.Path);
                foreach (var argument in record.Arguments) Visit(argument.Value, path + "." + argument.Key, keys);
                if (record.Arguments.Count == 0) keys[path] = new KeyValue("{}", record.Span?.Path);
                break;
            case ListValue { Items.Count: 0 } list:
                keys[path] = new KeyValue("[]", list.Span?.Path);
                break;
            case ListValue list when list.ElementType != "string" && list.Items.All(item => item is RecordValue or TypeValue):
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var item in list.Items)
                {
                    string kind = item is RecordValue r ? r.Tag : "custom";
                    int count = seen[kind] = seen.GetValueOrDefault(kind) + 1;
                    string itemPath = path + "." + (count == 1 ? kind : $"{kind}[{count}]");
                    if (item is TypeValue type) keys[itemPath] = new KeyValue(type.FullyQualifiedName, type.Span?.Path);
                    else Visit(item, itemPath, keys, keyedByKind: true);
                }
                break;
            case ListValue list:
                keys[path] = new KeyValue("[" + string.Join(", ", list.Items.Select(Scalar)) + "]", list.Span?.Path);
                break;
            default:
                keys[path] = new KeyValue(Scalar(value), value.Span?.Path);
                break;
        }
    }

    static string Last(string path) => path[(path.LastIndexOf('.') + 1)..];

    static string Scalar(ConfigValue value) => value switch
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
