using System.Linq;
using System.Text;

namespace DslRunner.Generator.Syntax;

/// <summary>
/// Writes a declaration tree back as block-style YAML that reads to the same tree: quoted scalars stay quoted
/// (so "42" stays a string), plain ones stay plain. The generated experiments carry it so a run can re-bind
/// their declaration with overrides.
/// </summary>
public static class DeclarationText
{
    /// <summary>The tag a C# type is written with (<c>!type "global::Lab.Penalty"</c>); only the runtime reads it back.</summary>
    public const string TypeTag = "!type";

    /// <summary>The YAML text; a C# type, which only the attributed front end can declare, is written with <see cref="TypeTag"/>.</summary>
    public static string? Write(MappingNode root)
    {
        var builder = new StringBuilder();
        return WriteMapping(builder, root, 0) ? builder.ToString() : null;
    }

    static bool WriteMapping(StringBuilder builder, MappingNode mapping, int indent)
    {
        foreach (var entry in mapping.Entries)
        {
            builder.Append(' ', indent).Append(entry.Key).Append(':');
            if (!WriteValue(builder, entry.Value, indent)) return false;
        }
        return true;
    }

    static bool WriteValue(StringBuilder builder, DeclarationNode value, int indent)
    {
        switch (value)
        {
            case ScalarNode scalar:
                builder.Append(' ').Append(Scalar(scalar)).Append('\n');
                return true;
            case TypeReferenceNode type:
                builder.Append(' ').Append(TypeTag).Append(' ').Append(Scalar(new ScalarNode(type.FullyQualifiedName, true, type.Span))).Append('\n');
                return true;
            case MappingNode { Entries.Count: 0 }:
                builder.Append(" {}\n");
                return true;
            case MappingNode mapping:
                builder.Append('\n');
                return WriteMapping(builder, mapping, indent + 2);
            case SequenceNode { Items.Count: 0 }:
                builder.Append(" []\n");
                return true;
            case SequenceNode sequence:
                builder.Append('\n');
                foreach (var item in sequence.Items)
                {
                    builder.Append(' ', indent + 2).Append('-');
                    if (item is MappingNode { Entries.Count: > 0 } itemMapping)
                    {
                        builder.Append('\n');
                        if (!WriteMapping(builder, itemMapping, indent + 4)) return false;
                    }
                    else if (!WriteValue(builder, item, indent + 2)) return false;
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A scalar as YAML. Outside printable ASCII a scalar is written double-quoted with escapes (a plain scalar holding such a
    /// character can only be a string, so quoting it keeps its meaning), which keeps the text printable ASCII.
    /// </summary>
    static string Scalar(ScalarNode scalar)
    {
        if (!scalar.Quoted && !scalar.Text.Any(c => c > '~')) return scalar.Text.Length == 0 ? "~" : scalar.Text;
        var quoted = new StringBuilder("\"");
        string text = scalar.Text;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"' || c == '\\') quoted.Append('\\').Append(c);
            else if (c == '\n') quoted.Append("\\n");
            else if (c == '\t') quoted.Append("\\t");
            else if (c < ' ') quoted.Append("\\x").Append(Hex(c, 2));
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                quoted.Append("\\U").Append(Hex(char.ConvertToUtf32(c, text[++i]), 8));
            else if (c > '~' && !char.IsSurrogate(c)) quoted.Append("\\u").Append(Hex(c, 4));
            else quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }

    static string Hex(int value, int digits) => value.ToString("x" + digits, System.Globalization.CultureInfo.InvariantCulture);
}
