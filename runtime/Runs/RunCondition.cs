using System.Globalization;
using System.Text.RegularExpressions;

namespace DslRunner.Runs;

/// <summary>
/// One <c>--where</c> condition of <c>runs ls</c>: <c>KEY OP VALUE</c>, where KEY is a final metric
/// (<c>validation/loss</c>), a config key (<c>train.steps</c>, <c>model.kind</c>) or <c>experiment</c>, <c>status</c>,
/// <c>seed</c>, <c>name</c>, <c>note</c>, <c>tag</c> (any of the run's tags); OP is one of <c>&lt; &lt;= &gt; &gt;= = !=</c>. Order operators compare numbers.
/// </summary>
public sealed partial record RunCondition(string Key, string Operator, string Value)
{
    public const string Expected = "KEY OP VALUE with OP one of <, <=, >, >=, =, != and KEY a final metric, a config key, " +
                                   "experiment, status, seed, name, note or tag (e.g. 'validation/loss<0.6', 'model.kind=lstm', 'tag=baseline')";

    /// <exception cref="FormatException">The text is not a condition; the message says what was expected.</exception>
    public static RunCondition Parse(string text)
    {
        var match = Shape().Match(text);
        if (!match.Success)
            throw new FormatException($"--where expects {Expected}; found '{text}'");
        var condition = new RunCondition(match.Groups["key"].Value.Trim(), match.Groups["op"].Value == "==" ? "=" : match.Groups["op"].Value,
            match.Groups["value"].Value.Trim());
        if (condition.IsOrdering && !double.TryParse(condition.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"--where '{text}': '{condition.Operator}' compares numbers, and '{condition.Value}' is not a number");
        return condition;
    }

    bool IsOrdering => Operator is "<" or "<=" or ">" or ">=";

    /// <summary>Whether a run's value for <see cref="Key"/> satisfies the condition; a run without the key never does.</summary>
    public bool Holds(string? value)
    {
        if (value is null) return false;
        bool numbers = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double left)
                       & double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double right);
        return Operator switch
        {
            "=" => numbers ? left == right : value == Value,
            "!=" => numbers ? left != right : value != Value,
            "<" => numbers && left < right,
            "<=" => numbers && left <= right,
            ">" => numbers && left > right,
            _ => numbers && left >= right,
        };
    }

    [GeneratedRegex(@"^(?<key>[^<>=!]+?)\s*(?<op><=|>=|!=|==|<|>|=)\s*(?<value>[^<>=!]+)$")]
    private static partial Regex Shape();
}
