using System.Text.RegularExpressions;
using DslRunner.Review;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Review;

/// <summary>Names and descriptions are the author's text: in the comment they stay text, never Markdown or HTML.</summary>
public sealed class ReviewEscapingTests
{
    const string HostileName = "<img src=x onerror=alert(1)>";
    const string HostileDescription = "</details> **bold** @everyone [click](javascript:alert(1)) ``` `tick` | cell <script>alert(2)</script>";

    static string Experiment(string name, string description, string variants) => $$"""
        experiment: "{{name}}"
        description: "{{description}}"
        data: { corpus: synthetic, tokens: 20000, validation: 0.1, test: 0.1 }
        tokenizer: { kind: char }
        model: { kind: transformer, layers: 1, d_model: 32, heads: 2, context: 16, head: tied }
        loss:
          - cross_entropy: {}
        train: { batch: 4, steps: 10, eval_every: 5, threads: 1 }
        {{variants}}

        """;

    [Fact]
    public void Markdown_and_html_in_names_and_descriptions_are_escaped_in_the_comment()
    {
        using var repo = new ReviewRepository();
        repo.Write("experiments/hostile.experiment.yaml", Experiment(HostileName, "harmless", ""));
        string before = repo.Commit("harmless");
        repo.Write("experiments/hostile.experiment.yaml", Experiment(HostileName, HostileDescription, $"variants:\n  \"{HostileName}\": {{ train.steps: 12 }}"));
        string after = repo.Commit("hostile");

        string markdown = ReviewTests.Pinned(ReviewRenderer.Markdown(ReviewCommand.Run(repo.Root, before, after, runs: null)));

        string outsideCode = OutsideCode(markdown);
        Assert.DoesNotContain("<img", outsideCode);
        Assert.DoesNotContain("<script", outsideCode);
        Assert.DoesNotContain("@everyone", outsideCode);
        Assert.DoesNotContain("](javascript", outsideCode);
        Assert.DoesNotContain("**bold**", outsideCode);
        Assert.Equal(Count(markdown, "<details>"), Count(markdown, "</details>"));
        Assert.Contains("<summary><code>&lt;img src=x onerror=alert(1)&gt;</code>", markdown);
        // A code span fenced past the description's own backticks, its pipe escaped for the table.
        Assert.Contains("| ````\"</details> **bold** @everyone [click](javascript:alert(1)) ``` `tick` \\| cell <script>alert(2)</script>\"```` |", markdown);
        Snapshot.Match(markdown, "Review/hostile.verified.md");
    }

    /// <summary>The comment with code spans, fenced blocks and the tags the renderer writes itself removed.</summary>
    static string OutsideCode(string markdown)
    {
        string text = Regex.Replace(markdown, @"^(`{3,})[^\n]*\n.*?^\1\n", "", RegexOptions.Multiline | RegexOptions.Singleline);
        text = Regex.Replace(text, @"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", "");
        return Regex.Replace(text, "</?(details|summary|code)>", "");
    }

    static int Count(string text, string what) => Regex.Matches(text, "^" + Regex.Escape(what), RegexOptions.Multiline).Count;
}
