using System.Linq;

namespace DslRunner.Generator.Validation;

/// <summary>The form of a segment of a metrics.jsonl key that a declaration or C# code names (a decoder's name, a C# metric's name).</summary>
public static class MetricKey
{
    public const string Form = "lower-case letters, digits and '_', starting with a letter";

    public static bool IsValid(string text) =>
        text.Length > 0 && text[0] is >= 'a' and <= 'z' && text.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');
}
