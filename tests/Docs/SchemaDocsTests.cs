using System.Text.RegularExpressions;
using DslRunner.Generator.Schema;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Docs;

/// <summary>The README's one-paragraph summary of the schema names exactly the choices and kinds the schema declares.</summary>
public sealed class SchemaDocsTests
{
    static readonly string Readme = File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");

    public static TheoryData<string, string[]> Lists => new()
    {
        { "corpora", [.. ExperimentSchema.Corpus.Choices.Select(c => c.Name)] },
        { "tokenizers", [.. ExperimentSchema.TokenizerKind.Choices.Select(c => c.Name)] },
        { "models", [.. ExperimentSchema.Model.Kinds.Select(k => k.Tag)] },
        { "loss terms", [.. ExperimentSchema.Loss.Entries.Select(e => e.Tag)] },
        { "decoders", [.. ExperimentSchema.Decode.Entries.Select(e => e.Tag)] },
        { "`eval.metrics`", [.. ExperimentSchema.Metric.Choices.Select(c => c.Name)] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void The_readme_lists_what_the_schema_declares(string lead, string[] declared)
    {
        // The schema's paragraph: "The whole schema (corpora `synthetic | text | …`; … decoders `greedy`, `beam`, …)".
        int start = Readme.IndexOf("The whole schema (", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no paragraph beginning 'The whole schema ('");
        var match = Regex.Match(Readme[start..], Regex.Escape(lead) + @"\s+((?:`[^`]+`(?:\s*\|\s*|,\s*)?)+)");
        Assert.True(match.Success, $"README.md's schema paragraph lists no {lead}");

        var listed = Regex.Matches(match.Groups[1].Value, "`([^`]+)`")
            .SelectMany(m => m.Groups[1].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(declared, listed);
    }
}
