using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace DslRunner.Generator.Schema;

/// <summary>Writes the JSON Schemas' trees (<see cref="Json"/> objects, arrays, scalars) as indented, stable JSON text.</summary>
static class JsonText
{
    public static string Write(Json schema)
    {
        var builder = new StringBuilder();
        WriteValue(builder, schema, 0);
        return builder.Append('\n').ToString();
    }

    static void WriteValue(StringBuilder builder, object value, int depth)
    {
        switch (value)
        {
            case Json json:
                if (json.Count == 0)
                {
                    builder.Append("{}");
                    return;
                }
                builder.Append("{\n");
                for (int i = 0; i < json.Count; i++)
                {
                    var (key, item) = json[i];
                    builder.Append(' ', (depth + 1) * 2).Append(Quote(key)).Append(": ");
                    WriteValue(builder, item, depth + 1);
                    builder.Append(i == json.Count - 1 ? "\n" : ",\n");
                }
                builder.Append(' ', depth * 2).Append('}');
                return;
            case object[] array when array.All(a => a is string or long or double or bool):
                builder.Append('[').Append(string.Join(", ", array.Select(Scalar))).Append(']');
                return;
            case object[] array:
                builder.Append("[\n");
                for (int i = 0; i < array.Length; i++)
                {
                    builder.Append(' ', (depth + 1) * 2);
                    WriteValue(builder, array[i], depth + 1);
                    builder.Append(i == array.Length - 1 ? "\n" : ",\n");
                }
                builder.Append(' ', depth * 2).Append(']');
                return;
            default:
                builder.Append(Scalar(value));
                return;
        }
    }

    static string Scalar(object value) => value switch
    {
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        long integer => integer.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => "null",
    };

    static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || c == '\\') builder.Append('\\').Append(c);
            else if (c < ' ') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }
}

/// <summary>A JSON object that keeps its keys in insertion order (stable output).</summary>
sealed class Json : List<(string Key, object Value)>
{
    public object this[string key]
    {
        set
        {
            int index = FindIndex(e => e.Key == key);
            if (index < 0) Add((key, value));
            else base[index] = (key, value);
        }
    }

    public void Add(string key, object value) => this[key] = value;

    public object? TryGet(string key) => Find(e => e.Key == key).Value;
}
