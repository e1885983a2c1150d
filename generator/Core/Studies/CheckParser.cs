using System.Globalization;
using System.Linq;
using DslRunner.Generator.Helpers;

namespace DslRunner.Generator.Studies;

/// <summary>
/// Parses a claim's or control's check:
/// <code>
/// check  := value op number | ref op ref          (a op b  means  a − b op 0)
/// value  := ref | ref '-' ref | 'corr(' metric ',' metric ')[' arm ']' | 'slope(' metric ',' metric ')[' arm (',' arm)+ ']'
/// ref    := metric ('@' kind)? '[' arm ']'        kind := final | last | min | max | start | stepN | init
/// op     := '&gt;' | '&lt;' | '=='
/// </code>
/// </summary>
public sealed class CheckParser
{
    readonly string _text;
    readonly string _defaultKind;
    int _at;

    CheckParser(string text, string defaultKind) => (_text, _defaultKind) = (text, defaultKind);

    /// <summary>The values a reference may name: the study schema's value kinds, and stepN, which only a reference can name (it carries its step).</summary>
    static readonly string[] Kinds = [.. Schema.StudySchema.ValueKind.Choices.Select(c => c.Name), "step"];

    /// <summary>The value of the untrained model (before the first step) on the test split, where final is measured.</summary>
    public const string InitKind = "init";

    /// <summary>The parsed check, or the problem and the character offset where it was found.</summary>
    public static (CheckTerm? Term, string Operator, double Line, string? Problem, int Offset) Parse(string text, string defaultKind)
    {
        var parser = new CheckParser(text, defaultKind);
        try
        {
            var (term, op, line) = parser.Check();
            return (term, op, line, null, 0);
        }
        catch (CheckSyntaxException problem)
        {
            return (null, "", 0, problem.Message, problem.Offset);
        }
    }

    (CheckTerm, string, double) Check()
    {
        CheckTerm left;
        if (Peek("corr(")) left = Correlation();
        else if (Peek("slope(")) left = Slope();
        else
        {
            var first = Reference();
            left = Peek("-") ? Difference(first) : new CheckTerm("metric", first, null);
        }
        string op = Operator();
        SkipSpaces();
        if (_at < _text.Length && (char.IsLetter(_text[_at]) || _text[_at] == '_'))
        {
            if (left.Kind != "metric") throw Fail("compare a difference, a correlation or a slope with a number");
            var right = Reference();
            End();
            return (new CheckTerm("difference", left.First, right), op, 0);
        }
        double line = Number();
        End();
        return (left, op, line);
    }

    CheckTerm Difference(MetricRef first)
    {
        Expect("-");
        return new CheckTerm("difference", first, Reference());
    }

    CheckTerm Correlation()
    {
        Expect("corr(");
        string x = Identifier("a metric");
        Expect(",");
        string y = Identifier("a metric");
        Expect(")");
        string arm = Arm();
        return new CheckTerm("corr", new MetricRef(x, arm, "Final", 0), new MetricRef(y, arm, "Final", 0));
    }

    /// <summary><c>slope(y, x)[a, b, …]</c>: per replicate, the least-squares slope of y on x over the arms' final values.</summary>
    CheckTerm Slope()
    {
        Expect("slope(");
        string y = Identifier("a metric");
        Expect(",");
        string x = Identifier("a metric");
        Expect(")");
        Expect("[");
        int list = _at;
        var arms = new System.Collections.Generic.List<string> { ArmLabel() };
        while (Peek(","))
        {
            _at++;
            arms.Add(ArmLabel());
        }
        Expect("]");
        if (arms.Count < 3) throw new CheckSyntaxException($"a slope needs at least three arms, found {arms.Count}", list);
        return new CheckTerm("slope", new MetricRef(y, arms[0], "Final", 0), new MetricRef(x, arms[0], "Final", 0)) { Over = arms.ToEquatableArray() };
    }

    MetricRef Reference()
    {
        string metric = Identifier("a metric name");
        string kind = _defaultKind;
        int step = 0;
        SkipSpaces();
        if (_at < _text.Length && _text[_at] == '@')
        {
            _at++;
            int start = _at;
            string word = Identifier("a value (final, last, min, max, start, stepN or init)");
            string? known = null;
            foreach (string candidate in Kinds)
                if (word == candidate || (candidate == "step" && word.StartsWith("step", System.StringComparison.Ordinal))) known = candidate;
            if (known is null) throw new CheckSyntaxException($"'{word}' is not a value of a metric; expected final, last, min, max, start, stepN or init", start);
            if (known == "step" && !int.TryParse(word.Substring(4), NumberStyles.None, CultureInfo.InvariantCulture, out step))
                throw new CheckSyntaxException($"'{word}' needs a step number, e.g. step100", start);
            kind = known;
        }
        return new MetricRef(metric, Arm(), Capitalised(kind), step);
    }

    string Arm()
    {
        Expect("[");
        string arm = ArmLabel();
        Expect("]");
        return arm;
    }

    string ArmLabel()
    {
        SkipSpaces();
        int start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '-' or '_' or '.')) _at++;
        if (_at == start) throw Fail("expected an arm label");
        return _text.Substring(start, _at - start);
    }

    string Operator()
    {
        SkipSpaces();
        foreach (string op in new[] { "==", ">", "<" })
            if (Peek(op))
            {
                _at += op.Length;
                return op;
            }
        throw Fail("expected a comparison: >, < or ==");
    }

    double Number()
    {
        SkipSpaces();
        int start = _at;
        while (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] is '.' or '-' or '+' or 'e' or 'E' or '_')) _at++;
        string text = _text.Substring(start, _at - start);
        if (text.Length == 0 || !Binding.ScalarText.TryParseNumber(text, out double value))
            throw new CheckSyntaxException(text.Length == 0 ? "expected a number or another metric" : $"'{text}' is not a number", start);
        return value;
    }

    string Identifier(string what)
    {
        SkipSpaces();
        int start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '_' or '/')) _at++;
        if (_at == start) throw Fail("expected " + what);
        return _text.Substring(start, _at - start);
    }

    bool Peek(string token)
    {
        SkipSpaces();
        return string.CompareOrdinal(_text, _at, token, 0, token.Length) == 0;
    }

    void Expect(string token)
    {
        if (!Peek(token)) throw Fail($"expected '{token}'");
        _at += token.Length;
    }

    void End()
    {
        SkipSpaces();
        if (_at < _text.Length) throw Fail("unexpected text after the check");
    }

    void SkipSpaces()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
    }

    CheckSyntaxException Fail(string message)
    {
        string found = _at < _text.Length ? $"found '{_text.Substring(_at, System.Math.Min(12, _text.Length - _at))}'" : "found the end";
        return new CheckSyntaxException($"{message}, {found}", _at);
    }

    static string Capitalised(string kind) => char.ToUpperInvariant(kind[0]) + kind.Substring(1);

    sealed class CheckSyntaxException(string message, int offset) : System.Exception(message)
    {
        public int Offset { get; } = offset;
    }
}
