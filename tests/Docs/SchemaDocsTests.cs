using System.Text.RegularExpressions;
using DslRunner.Generator.Schema;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Docs;

/// <summary>
/// The README's one-paragraph summary of the schema names exactly the choices and kinds the schema declares; like a
/// snapshot, DSLRUNNER_ACCEPT_SNAPSHOTS=1 writes a changed list into it (locally only), so a new kind edits no prose.
/// </summary>
public sealed class SchemaDocsTests
{
    static readonly string ReadmePath = Path.Combine(Snapshot.RepositoryRoot(), "README.md");

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
        string readme = File.ReadAllText(ReadmePath).ReplaceLineEndings("\n");
        int start = readme.IndexOf("The whole schema (", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no paragraph beginning 'The whole schema ('");
        var match = Regex.Match(readme[start..], Regex.Escape(lead) + @"\s+((?:`[^`]+`(?:\s*\|\s*|,\s*)?)+)");
        Assert.True(match.Success, $"README.md's schema paragraph lists no {lead}");

        var listed = Regex.Matches(match.Groups[1].Value, "`([^`]+)`")
            .SelectMany(m => m.Groups[1].Value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

        if (Snapshot.Accepting() && !declared.SequenceEqual(listed))
        {
            var group = match.Groups[1];
            string separator = group.Value.Contains('|') ? " | " : ", ";
            string written = group.Value.Contains('|') ? "`" + string.Join(separator, declared) + "`" : string.Join(separator, declared.Select(d => $"`{d}`"));
            string trailing = group.Value[(group.Value.LastIndexOf('`') + 1)..];
            File.WriteAllText(ReadmePath, readme[..(start + group.Index)] + written + trailing + readme[(start + group.Index + group.Length)..]);
            return;
        }
        Assert.Equal(declared, listed);
    }
}
