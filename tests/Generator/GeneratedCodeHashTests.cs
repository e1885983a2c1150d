using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DslRunner.Experiments;

namespace DslRunner.Tests.Generator;

public sealed class GeneratedCodeHashTests
{
    const string Declaration = """"
        experiment: hashed
        description: three """ quotes
        data: { tokens: 1000 }
        model: { kind: transformer, layers: 1, d_model: 8, heads: 2, context: 8 }
        train: { batch: 2, steps: 20 }
        eval: { prompts: ["an em dash \u2014 and a tab\t"] }
        """";

    static readonly Regex HashConstant = new("public const string GeneratedSourceHash = \"([0-9a-f]*)\";");

    static string Generate(string declaration) =>
        GeneratorHarness.Run(("hashed.experiment.yaml", declaration)).GeneratedSources.Single(s => s.HintName == "Hashed.g.cs").SourceText.ToString();

    static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_generated_hash_is_the_SHA_256_of_the_file_with_the_hash_left_empty()
    {
        string source = Generate(Declaration);

        string hash = HashConstant.Match(source).Groups[1].Value;

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(Sha256(source.Replace(hash, "")), hash);
        Assert.Contains("public string GeneratedCodeHash => GeneratedSourceHash;", source);
    }

    [Fact]
    public void Every_compiled_experiment_carries_the_hash_of_its_generated_file()
    {
        Assert.All(ExperimentRegistry.All, e => Assert.Matches("^[0-9a-f]{64}$", e.GeneratedCodeHash));
        string quickstart = GeneratorHarness.Run(
                (Path.Combine(Infrastructure.Snapshot.RepositoryRoot(), "experiments", "quickstart.experiment.yaml"),
                 File.ReadAllText(Path.Combine(Infrastructure.Snapshot.RepositoryRoot(), "experiments", "quickstart.experiment.yaml"))))
            .GeneratedSources.Single(s => s.HintName == "Quickstart.g.cs").SourceText.ToString();
        Assert.Equal(HashConstant.Match(quickstart).Groups[1].Value, new Quickstart().GeneratedCodeHash);
    }

    [Fact]
    public void A_one_key_change_changes_one_line_of_the_declaration_one_config_line_and_the_hash()
    {
        string[] before = Generate(Declaration).Split('\n');
        string[] after = Generate(Declaration.Replace("steps: 20", "steps: 21")).Split('\n');

        Assert.Equal(before.Length, after.Length);
        var changed = before.Zip(after).Where(pair => pair.First != pair.Second).Select(pair => pair.Second.Trim()).ToList();
        Assert.Equal(3, changed.Count);
        Assert.StartsWith("public const string GeneratedSourceHash = ", changed[0]);
        Assert.Contains("steps: 21", changed);
        Assert.Contains("Steps: 21,", changed);
    }

    [Fact]
    public void The_declaration_is_a_raw_string_that_escapes_what_is_not_printable_ascii()
    {
        string source = Generate(Declaration);

        Assert.Contains("public string Declaration => \"\"\"\"\n", source);
        Assert.Contains("description: three \"\"\" quotes\n", source);
        Assert.Contains("- \"an em dash \\u2014 and a tab\\t\"\n", source);
        Assert.All(source.Split('\n').SkipWhile(l => !l.Contains("Declaration =>")).TakeWhile(l => !l.Trim().StartsWith("\"\"\"\";")),
            line => Assert.DoesNotContain(line, c => c > '~'));
    }
}
