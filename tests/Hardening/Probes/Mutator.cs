namespace DslRunner.Tests.Hardening.Probes;

/// <summary>Damages a text with seeded random edits: deletions, insertions of syntax fragments, line swaps and re-indents.</summary>
public sealed class Mutator(IReadOnlyList<string> seeds, IReadOnlyList<string> fragments, int seed)
{
    readonly Random _random = new(seed);

    public string Next()
    {
        string text = seeds[_random.Next(seeds.Count)];
        int edits = _random.Next(1, 6);
        for (int i = 0; i < edits; i++) text = Edit(text);
        return text;
    }

    string Edit(string text)
    {
        int position = _random.Next(text.Length + 1);
        int length = Math.Min(_random.Next(13), text.Length - position);
        string fragment = fragments[_random.Next(fragments.Count)];
        var lines = text.Split('\n');
        int line = _random.Next(lines.Length), other = _random.Next(lines.Length);
        switch (_random.Next(6))
        {
            case 0: return text.Remove(position, length);
            case 1: return text.Insert(position, fragment);
            case 2: return text.Remove(position, length).Insert(position, fragment);
            case 3: return string.Join('\n', lines.Where((_, i) => i != line));
            case 4:
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return string.Join('\n', lines);
            default:
                lines[line] = new string(' ', _random.Next(5)) + lines[line].TrimStart();
                return string.Join('\n', lines);
        }
    }

    /// <summary>YAML syntax, odd scalars, tags, anchors, non-ASCII and DSL keys with bad values.</summary>
    public static readonly string[] YamlFragments =
    [
        ":", "{", "}", "[", "]", "-", "- ", "#", "\"", "'", "\n", "  ", "\t", "&a ", "*a", "!!str ", "!!python/object:os.system ", "!custom ",
        "|", ">", "%YAML 1.1\n", "---\n", "...\n", "@", "`", ",", "~", "null", "true", "-1", "0", "1e400", ".inf", ".nan",
        "99999999999999999999", "0.5", "[]", "{}", "诗", "\u0000", "\uFEFF", "\\", "<<: *a", "? ", "kind: lstm", "heads: 3",
        "extends: missing.experiment.yaml", "extends: mutated.experiment.yaml", "variants: { v: { model.heads: 0 } }",
        "sweep: { loss.l1.weight: [1, 2] }", "experiment: ExperimentRegistry", "loss: [ { capacity: { weight: -1 } } ]",
        "decode: [ beam ]", "description: \"\\\"; System.Environment.Exit(1); //\"", "experiment: \"a\\\"b\"",
    ];

    /// <summary>C# syntax, attribute arguments of wrong types, and members that make the class invalid.</summary>
    public static readonly string[] CSharpFragments =
    [
        "\"", "(", ")", "[", "]", "{", "}", ",", ";", "=", " = 0", " = -1", " = 1e400", " = null", "new[] { }", "new[] { \"x\", null }",
        "typeof(int)", "nameof(Lab)", "\"诗\"", "\"\\\"; System.Environment.Exit(1); //\"", "Steps = ", "Heads = 3", "DModel = 7",
        "[Experiment(\"x\")]", "[Experiment(null)]", "partial ", "static ", "abstract ", "class Inner { }", "public Quickstart(int x) { }",
        "[Variant(\"v\", \"model.heads\", 0)]", "[Sweep(\"train.steps\", 1, -5)]", "#if X\n", "#endif\n", "/*", "*/", "//", "\n", "@",
        "OutputHead.Tied", "(OutputHead)99", "CorpusKind.Text", "Path = \"/etc/passwd\"", "Lr = double.NaN", "Tokens = long.MaxValue",
    ];
}
