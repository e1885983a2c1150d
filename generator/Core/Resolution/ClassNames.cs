using System.Linq;
using System.Text;

namespace DslRunner.Generator.Resolution;

/// <summary>
/// Turns an experiment or variant name into a C# identifier: kebab-, snake- or spaced words become PascalCase.
/// A leading digit gets an underscore in front; keywords need nothing, since every C# keyword is lower case.
/// </summary>
public static class ClassNames
{
    /// <summary>The identifier, or null when the name holds no letter or digit to build one from.</summary>
    public static string? FromName(string name)
    {
        var builder = new StringBuilder();
        bool startOfWord = true;
        foreach (char c in name)
        {
            if (!CSharpIdentifiers.IsPart(c) || c == '_')
            {
                startOfWord = true;
                continue;
            }
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) continue;
            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }
        if (builder.Length == 0) return null;
        if (!CSharpIdentifiers.IsStart(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>A usable namespace from a build property: each dotted part made an identifier ("my-lab.2" → "my_lab._2").</summary>
    public static string Namespace(string text)
    {
        var parts = text.Split('.')
            .Where(part => part.Length > 0)
            .Select(part =>
            {
                var builder = new StringBuilder();
                foreach (char c in part) builder.Append(CSharpIdentifiers.IsPart(c) ? c : '_');
                if (!CSharpIdentifiers.IsStart(builder[0])) builder.Insert(0, '_');
                return builder.ToString();
            });
        return string.Join(".", parts);
    }
}
