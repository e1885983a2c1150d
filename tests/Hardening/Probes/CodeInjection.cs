using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using DslRunner.Config;
using DslRunner.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// Hostile names, descriptions, prompts and corpus paths go through the generator and the compiler. In the
/// generated syntax trees each hostile string may only sit inside a string literal (or be reduced to one inert
/// identifier, for a class name); nothing it holds becomes code, comment or directive. The compiled program's
/// values equal the inputs.
/// </summary>
public static class CodeInjection
{
    /// <summary>Each payload would run Boom() or break out of its context if it were pasted into code unescaped.</summary>
    public static readonly string[] Payloads =
    [
        "\"; Boom(); //",
        "\\\"; Boom(); //",
        "*/ Boom(); /*",
        "\n#error injected\nBoom();",
        "\r\n#line 1 \"evil.cs\"\r\nBoom();",
        "\u2028Boom();\u2029\u0085",
        "{0} {{ }} $\"{Boom()}\"",
        "\"\"\"\nBoom();\n\"\"\"",
        "'; Boom(); '",
        "@\"\" + Boom() + @\"\"",
        "\\u0022; Boom(); //",
        "\0\u0001\u001F\u007F control",
        "\U0001F600 诗歌 ∑ \uFEFF",
        "</summary> Boom(); <summary>",
    ];

    static string Marker(int index) => string.Create(CultureInfo.InvariantCulture, $"INJ{index}X");

    static string Hostile(int index) => Marker(index) + Payloads[index];

    public static ProbeResult Run()
    {
        var failures = new List<string>();
        int literals = 0, rejectedNames = 0;
        for (int i = 0; i < Payloads.Length; i++)
        {
            string yaml = Document(Hostile(i), Hostile((i + 1) % Payloads.Length), i);
            var result = GeneratorHarness.Run(("/project/hostile.experiment.yaml", yaml));
            if (result.Exception is not null) { failures.Add($"payload {i}: the generator threw {result.Exception.Message}"); continue; }
            bool nameRejected = result.Diagnostics.Any(d => d.Id == "DSL0016");
            var unexpected = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "DSL0016").ToList();
            if (unexpected.Count > 0) { failures.Add($"payload {i}: {GeneratorHarness.Describe(unexpected[0])}"); continue; }
            if (nameRejected)
            {
                rejectedNames++;
                yaml = Document("hostile-" + i.ToString(CultureInfo.InvariantCulture), Hostile((i + 1) % Payloads.Length), i);
                result = GeneratorHarness.Run(("/project/hostile.experiment.yaml", yaml));
            }
            var trees = result.GeneratedSources.Select(s => s.SyntaxTree).ToList();
            literals += CheckTrees(trees, failures, i);
            CheckValues(trees, failures, i, nameRejected ? null : Hostile(i), Hostile((i + 1) % Payloads.Length));
        }
        return new ProbeResult("bad input", "hostile strings cannot inject C#",
            $"{Payloads.Length} payloads × name, description, prompts, corpus path",
            $"{literals} occurrences, all inside string literals; {rejectedNames} names refused by DSL0016", failures);
    }

    static string Document(string name, string other, int index) => $"""
        experiment: {Quote(name)}
        description: {Quote(other)}
        data: {"{"} corpus: text, path: {Quote(other)}, tokens: 10000 {"}"}
        model: {"{"} kind: transformer, layers: 1, d_model: 16, heads: 2, context: 8 {"}"}
        train: {"{"} batch: 2, steps: {3 + index} {"}"}
        eval:
          prompts: [{Quote(name)}, {Quote(other)}]
        """;

    /// <summary>A YAML double-quoted scalar holding exactly <paramref name="text"/>.</summary>
    static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\') quoted.Append('\\').Append((char)rune.Value);
            else if (rune.Value is >= 0x20 and < 0x7F) quoted.Append((char)rune.Value);
            else if (rune.IsBmp) quoted.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            else quoted.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}");
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>Counts marker occurrences inside literals; reports any in code, comments or directives.</summary>
    static int CheckTrees(IReadOnlyList<SyntaxTree> trees, List<string> failures, int payload)
    {
        int inLiterals = 0;
        foreach (var tree in trees)
        {
            var root = tree.GetRoot();
            foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "Boom")
                    failures.Add($"payload {payload}: {tree.FilePath} calls Boom at {token.GetLocation().GetLineSpan().StartLinePosition}");
                if (!token.Text.Contains("INJ", StringComparison.Ordinal)) continue;
                if (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)) inLiterals++;
                else if (!token.IsKind(SyntaxKind.IdentifierToken) || !SyntaxFacts.IsValidIdentifier(token.Text))
                    failures.Add($"payload {payload}: a hostile string became the {token.Kind()} token `{token.Text}` in {Path.GetFileName(tree.FilePath)}");
            }
            foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
                if (trivia.ToFullString().Contains("INJ", StringComparison.Ordinal) && !trivia.HasStructure)
                    failures.Add($"payload {payload}: a hostile string landed in {trivia.Kind()} in {Path.GetFileName(tree.FilePath)}");
            foreach (var error in tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
                failures.Add($"payload {payload}: {error}");
        }
        return inLiterals;
    }

    static void CheckValues(IReadOnlyList<SyntaxTree> trees, List<string> failures, int payload, string? name, string other)
    {
        var compilation = GeneratorHarness.CreateCompilation(trees);
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        if (!emitted.Success)
        {
            failures.Add($"payload {payload}: the generated code does not compile: {emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error)}");
            return;
        }
        stream.Position = 0;
        var context = new AssemblyLoadContext("hostile-" + payload, isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(stream);
            var registry = (IReadOnlyList<IExperiment>)assembly.GetType(GeneratorHarness.RootNamespace + ".ExperimentRegistry")!
                .GetProperty("All")!.GetValue(null)!;
            var config = registry.Single().Config;
            Expect(failures, payload, "name", name ?? config.Name, config.Name);
            Expect(failures, payload, "description", other, config.Description);
            Expect(failures, payload, "data.path", other, config.Data.Path);
            Expect(failures, payload, "first prompt", name ?? config.Name, config.Eval.Prompts[0]);
            Expect(failures, payload, "second prompt", other, config.Eval.Prompts[1]);
        }
        finally
        {
            context.Unload();
        }
    }

    static void Expect(List<string> failures, int payload, string what, string expected, string? actual)
    {
        if (expected != actual) failures.Add($"payload {payload}: {what} is {Escape(actual)}, declared {Escape(expected)}");
    }

    static string Escape(string? text) => text is null ? "null" : SymbolDisplay.FormatLiteral(text, quote: true);
}
