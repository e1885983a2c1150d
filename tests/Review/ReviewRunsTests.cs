using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Review;

/// <summary><c>dslrunner review</c> reads run folders: metric deltas where both sides ran, else the commands to run them.</summary>
public sealed class ReviewRunsTests(ReviewScenarios scenarios) : IClassFixture<ReviewScenarios>
{
    static readonly MachineInfo Machine = new("linux", "x64", "test cpu", 2, ".NET", "0.107.0", "2.7.1");

    /// <summary>A finished run of the declaration at the commit, as the runner leaves it (manifest only).</summary>
    static void FinishedRun(string runsRoot, string name, string declaration, string commit, string id, double validationLoss)
    {
        var config = ConfigOverrides.Bind(declaration, []).Config!;
        string folder = Path.Combine(runsRoot, name, id);
        Directory.CreateDirectory(folder);
        new RunManifest(RunManifest.CurrentFormat, name, null, id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "finished",
            RunManifest.HashConfig(config), "", new GitInfo(commit, false), config.Seed, 1, Machine, config,
            new Dictionary<string, string>(), new Dictionary<string, double> { ["validation_loss"] = validationLoss }).Write(folder);
    }

    string Review(string runsRoot, out int exit)
    {
        var (baseCommit, headCommit) = scenarios.Steps["direct-key-edit"];
        var output = new StringWriter();
        exit = DslRunnerCommands.Run(["review", baseCommit, headCommit, "--repo", scenarios.Repository.Root, "--runs", runsRoot, "--markdown"], output, new StringWriter());
        return output.ToString();
    }

    [Fact]
    public void Runs_matched_by_config_hash_and_commit_give_the_metric_deltas()
    {
        using var runs = new TempFolder();
        var (baseCommit, headCommit) = scenarios.Steps["direct-key-edit"];
        var change = Assert.Single(DslRunner.Review.ReviewCommand.Run(scenarios.Repository.Root, baseCommit, headCommit, runs: null).Changes);
        FinishedRun(runs.Path, "solo", change.Base!.Declaration, baseCommit, "base", 2.5);
        FinishedRun(runs.Path, "solo", change.Head!.Declaration, headCommit, "head", 2.25);
        // Same config as the head but made at another commit: not the head's run.
        FinishedRun(runs.Path, "solo", change.Head.Declaration, baseCommit, "other-commit", 9);

        string markdown = Review(runs.Path, out int exit);

        Assert.Equal(0, exit);
        Assert.Contains($"Metrics (runs `{Path.Combine(runs.Path, "solo", "base")}` → `{Path.Combine(runs.Path, "solo", "head")}`)", markdown);
        Assert.Contains("| `validation_loss` | 2.5 | 2.25 | −0.25 |", markdown);
    }

    [Fact]
    public void Without_runs_of_both_sides_the_comment_gives_the_commands_that_make_them()
    {
        using var runs = new TempFolder();
        var (baseCommit, _) = scenarios.Steps["direct-key-edit"];

        string markdown = Review(runs.Path, out _);

        Assert.Contains("No run of both sides (matched by config hash and commit) to compare metrics.", markdown);
        Assert.Contains($"git worktree add ../dslrunner-{baseCommit[..7]} {baseCommit[..7]} && (cd ../dslrunner-{baseCommit[..7]} && dotnet run --project experiments -- run solo --runs \"$OLDPWD/runs\")", markdown);
    }
}
