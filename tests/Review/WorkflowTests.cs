using System.CommandLine;
using System.Text.RegularExpressions;
using DslRunner.Review;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Review;

/// <summary>The CI workflow's review command line, run as written, gives the pinned comment.</summary>
public sealed class WorkflowTests(ReviewScenarios scenarios) : IClassFixture<ReviewScenarios>
{
    static readonly string WorkflowFile = Path.Combine(Snapshot.RepositoryRoot(), ".github", "workflows", "experiment-review.yml");

    /// <summary>The arguments after <c>dotnet run … --project generator/Review --</c>, up to the output redirection.</summary>
    static List<string> WorkflowArguments()
    {
        string line = File.ReadLines(WorkflowFile).Single(l => l.Contains("--project generator/Review --", StringComparison.Ordinal));
        string arguments = line[(line.IndexOf("--project generator/Review --", StringComparison.Ordinal) + "--project generator/Review --".Length)..];
        arguments = arguments[..arguments.IndexOf('>')];
        return Regex.Matches(arguments, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToList();
    }

    [Fact]
    public void The_workflow_s_command_line_produces_the_pinned_markdown()
    {
        var (baseCommit, headCommit) = scenarios.Steps["study-edit"];
        var arguments = WorkflowArguments();
        Assert.Equal(["$BASE_SHA", "HEAD", "--markdown"], arguments);
        // The workflow's checkout is the head; the scripted repository's HEAD is the same commit.
        Assert.Equal(headCommit, scenarios.Repository.Git("rev-parse", "HEAD").Trim());

        var output = new StringWriter();
        int exit = ReviewCommand.Standalone()
            .Parse([.. arguments.Select(a => a == "$BASE_SHA" ? baseCommit : a), "--repo", scenarios.Repository.Root])
            .Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });

        Assert.Equal(0, exit);
        string pinned = File.ReadAllText(Path.Combine(Snapshot.Directory(), "Review", "study-edit.verified.md")).ReplaceLineEndings("\n");
        Assert.Equal(pinned, ReviewTests.Pinned(output.ToString()));
    }

    [Fact]
    public void Exit_code_is_1_when_an_experiment_changed_0_when_none_did_and_2_for_an_unknown_revision()
    {
        var (baseCommit, headCommit) = scenarios.Steps["rename"];
        int Run(params string[] args) => ReviewCommand.Standalone().Parse([.. args, "--repo", scenarios.Repository.Root])
            .Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });

        Assert.Equal(1, Run(baseCommit, headCommit, "--exit-code"));
        Assert.Equal(0, Run(baseCommit, headCommit));
        Assert.Equal(0, Run(headCommit, headCommit, "--exit-code"));
        Assert.Equal(2, Run("no-such-revision", headCommit));
    }
}
