using System.Globalization;

namespace DslRunner.Generator.Binding;

/// <summary>Parses plain YAML scalars as numbers, culture-independently.</summary>
public static class ScalarText
{
    /// <summary>An integer, also written with '_' separators or as an exact exponent form such as 2e7.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        string digits = text.Replace("_", "");
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        if (TryParseNumber(digits, out double number) && number == System.Math.Floor(number)
            && System.Math.Abs(number) < 9e18)
        {
            value = (long)number;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>A finite number (no NaN or infinity).</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && !double.IsNaN(value) && !double.IsInfinity(value);
}
