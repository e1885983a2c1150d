using System.Text;

namespace DslRunner.RunFiles;

/// <summary>
/// Declared text (descriptions, claim texts, prompts, samples, values) put into a report without becoming Markdown or
/// HTML: prose with every Markdown and HTML character escaped, samples in a fence longer than any backtick run inside.
/// </summary>
public static class MarkdownText
{
    /// <summary>Characters that start emphasis, code, links, images, strikethrough or end a table cell anywhere in a line.</summary>
    const string Special = "\\`*[]|~!";

    /// <summary>
    /// Prose on one line, to sit inside a paragraph or a table cell: emphasis, code, link and cell characters
    /// backslash-escaped, an underscore where it could open or close emphasis (not inside a word such as bits_per_byte),
    /// '&lt;' and '&amp;' as entities, so no declared text turns into HTML, a link or a broken table.
    /// </summary>
    public static string Text(string text)
    {
        string flat = text.ReplaceLineEndings(" ");
        var escaped = new StringBuilder(flat.Length + 8);
        for (int i = 0; i < flat.Length; i++)
        {
            char c = flat[i];
            bool inWord = i > 0 && i < flat.Length - 1 && char.IsLetterOrDigit(flat[i - 1]) && char.IsLetterOrDigit(flat[i + 1]);
            if (c == '<') escaped.Append("&lt;");
            else if (c == '&') escaped.Append("&amp;");
            else if (Special.Contains(c) || c == '_' && !inWord) escaped.Append('\\').Append(c);
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>A fenced block whose fence is longer than any backtick run in the content.</summary>
    public static string Fenced(string content, string language)
    {
        int longest = 0, run = 0;
        foreach (char c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        string fence = new('`', Math.Max(3, longest + 1));
        return $"{fence}{language}\n{content.TrimEnd('\n')}\n{fence}\n";
    }
}
