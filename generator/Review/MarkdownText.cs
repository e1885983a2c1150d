using System.Text;

namespace DslRunner.Review;

/// <summary>
/// Puts text from declarations (names, descriptions, values, paths, messages) into Markdown without letting it
/// become Markdown or HTML: code spans and fences sized past any backticks inside, HTML encoded inside tags.
/// </summary>
internal static class MarkdownText
{
    /// <summary>An inline code span; <paramref name="inTable"/> escapes the pipe that would end a table cell.</summary>
    public static string Code(string text, bool inTable = false)
    {
        string flat = text.ReplaceLineEndings(" ");
        if (inTable) flat = flat.Replace("|", "\\|");
        string ticks = new('`', LongestRun(flat, '`') + 1);
        bool pad = flat.StartsWith('`') || flat.EndsWith('`') || flat.Length == 0;
        return pad ? $"{ticks} {flat} {ticks}" : ticks + flat + ticks;
    }

    /// <summary>Text inside an HTML element (a &lt;summary&gt;), where Markdown is not read.</summary>
    public static string Html(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (char c in text.ReplaceLineEndings(" "))
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '@' => "&#64;",
                _ => c.ToString(),
            });
        return encoded.ToString();
    }

    /// <summary>A fenced block whose fence is longer than any backtick run in the content.</summary>
    public static string Fenced(string content, string language)
    {
        string fence = new('`', Math.Max(3, LongestRun(content, '`') + 1));
        return $"{fence}{language}\n{content.TrimEnd('\n')}\n{fence}\n";
    }

    static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (char x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
