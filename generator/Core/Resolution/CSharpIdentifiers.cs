using System.Globalization;

namespace DslRunner.Generator.Resolution;

/// <summary>Which characters may start or continue a C# identifier (C# specification, "Identifiers"), by Unicode category.</summary>
public static class CSharpIdentifiers
{
    /// <summary>A letter (Lu, Ll, Lt, Lm, Lo), a letter number (Nl) or '_'.</summary>
    public static bool IsStart(char c) => c == '_' || IsLetter(char.GetUnicodeCategory(c));

    /// <summary>A start character, a decimal digit (Nd), a connector (Pc), a combining mark (Mn, Mc) or a formatting character (Cf).</summary>
    public static bool IsPart(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return IsLetter(category) || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format;
    }

    static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
}
