using System;
using System.Text;

namespace DslRunner.Generator.Helpers;

/// <summary>Writes C# source with an indentation level; <see cref="Block"/> opens a brace block that closes on dispose.</summary>
public sealed class SourceWriter
{
    const string IndentUnit = "    ";
    readonly StringBuilder builder = new();
    int indentation;

    public void WriteLine() => builder.Append('\n');

    /// <summary>Writes one line, or several: each line of <paramref name="text"/> gets the current indentation.</summary>
    public void WriteLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
                for (int i = 0; i < indentation; i++) builder.Append(IndentUnit);
            builder.Append(line).Append('\n');
        }
    }

    /// <summary>Writes the header and "{", indents, and on dispose writes <paramref name="closing"/> ("}", "};", "});").</summary>
    public IDisposable Block(string header, string closing = "}")
    {
        WriteLine(header);
        WriteLine("{");
        indentation++;
        return new BlockCloser(this, closing);
    }

    /// <summary>An indented region closed with <paramref name="closing"/> (e.g. "});").</summary>
    public IDisposable Indented(string opening, string closing)
    {
        WriteLine(opening);
        indentation++;
        return new BlockCloser(this, closing);
    }

    public override string ToString() => builder.ToString();

    sealed class BlockCloser(SourceWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer.indentation--;
            writer.WriteLine(closing);
        }
    }
}
