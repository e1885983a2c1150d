using System.Globalization;
using System.Linq;
using System.Text;
using DslRunner.Generator.Model;

namespace DslRunner.Generator.Emit;

/// <summary>Writes config values as C# expressions: invariant numbers, fully escaped strings, named record arguments.</summary>
public static class CSharpLiteral
{
    const string Indent = "    ";

    /// <summary>The value as an expression; multi-line for records, lines joined by '\n' and indented relative to the first.</summary>
    /// <param name="targetTyped">Write a record as <c>new(…)</c>, for a declaration that already names the type.</param>
    public static string Expression(ConfigValue value, bool targetTyped = false) => value switch
    {
        IntegerValue integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        NumberValue number => Number(number.Value),
        StringValue text => String(text.Value),
        BooleanValue flag => flag.Value ? "true" : "false",
        NullValue => "null",
        EnumValue choice => choice.CSharpType + "." + choice.Member,
        TypeValue type => type.NewExpression,
        ListValue list => List(list),
        RecordValue record => Record(record, targetTyped),
        _ => throw new System.ArgumentOutOfRangeException(nameof(value), value.GetType().Name),
    };

    /// <summary>A double literal that round-trips: "R" formatting, always with a '.' or an exponent.</summary>
    public static string Number(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E']) >= 0 ? text : text + ".0";
    }

    /// <summary>A regular string literal holding only printable ASCII: everything else is escaped.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (c < ' ' || c > '~') builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Multi-line text as a raw string literal, one source line per line, so a one-line change of the text is a one-line
    /// change of the generated code; text holding anything but printable ASCII and newlines stays an escaped literal.
    /// </summary>
    public static string MultiLineString(string value)
    {
        string text = value.EndsWith("\n", System.StringComparison.Ordinal) ? value.Substring(0, value.Length - 1) : value;
        if (text.Length == 0 || text.Any(c => c != '\n' && (c < ' ' || c > '~'))) return String(text);
        string quotes = new('"', System.Math.Max(3, LongestQuoteRun(text) + 1));
        var builder = new StringBuilder(quotes).Append('\n');
        foreach (string line in text.Split('\n')) builder.Append(line.Length == 0 ? "" : Indent + line).Append('\n');
        return builder.Append(Indent).Append(quotes).ToString();
    }

    static int LongestQuoteRun(string text)
    {
        int longest = 0, run = 0;
        foreach (char c in text)
        {
            run = c == '"' ? run + 1 : 0;
            if (run > longest) longest = run;
        }
        return longest;
    }

    static string List(ListValue list)
    {
        if (list.Items.Count == 0) return $"global::System.Array.Empty<{list.ElementType}>()";
        // A C# metric in eval.metrics is listed by its type's name (the generated code constructs it elsewhere).
        var items = list.Items.Select(item => item is TypeValue type && list.ElementType == "string" ? String(type.DisplayName) : Expression(item)).ToList();
        if (items.All(item => !item.Contains("\n")) && items.Sum(item => item.Length + 2) < 80)
            return $"new {list.ElementType}[] {{ {string.Join(", ", items)} }}";
        var builder = new StringBuilder();
        builder.Append("new ").Append(list.ElementType).Append("[]\n{\n");
        foreach (var item in items) builder.Append(IndentLines(item)).Append(",\n");
        return builder.Append('}').ToString();
    }

    static string Record(RecordValue record, bool targetTyped)
    {
        string creation = targetTyped ? "new(" : "new " + record.CSharpType + "(";
        if (record.Arguments.Count == 0) return creation + ")";
        var builder = new StringBuilder(creation).Append('\n');
        for (int i = 0; i < record.Arguments.Count; i++)
        {
            var argument = record.Arguments[i];
            builder.Append(IndentLines(argument.Parameter + ": " + Expression(argument.Value)));
            builder.Append(i == record.Arguments.Count - 1 ? ")" : ",\n");
        }
        return builder.ToString();
    }

    static string IndentLines(string text) => Indent + text.Replace("\n", "\n" + Indent);
}
