using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Tests.Sweeps;

namespace DslRunner.Tests.Cli;

/// <summary><c>run --seed</c> and a run's <c>--name</c>, <c>--tag</c> and <c>--note</c>: in the manifest, <c>runs ls</c> and <c>report</c>.</summary>
public sealed class RunLabelTests
{
    [Fact]
    public void Seed_name_tags_and_note_are_recorded_listed_and_reported()
    {
        using var runs = new TempFolder();

        var (exit, _, error) = SweepCli.Run("run", "tiny-gpt", "--set", "train.steps=4", "--set", "train.eval_every=2", "--seed", "7",
            "--name", "first try", "--tag", "baseline", "--tag", "small", "--note", "does a seed change the loss?", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        string folder = RunLocator.Find("tiny-gpt", runs.Path);
        var manifest = RunManifest.Read(folder);
        Assert.Equal(7, manifest.Seed);
        Assert.Equal(7, manifest.Config.Seed);
        Assert.Equal(["train.steps=4", "train.eval_every=2", "seed=7"], manifest.Overrides);
        Assert.Equal("first try", manifest.Name);
        Assert.Equal(["baseline", "small"], manifest.Tags);
        Assert.Equal("does a seed change the loss?", manifest.Note);

        var listed = SweepCli.Run("runs", "ls", "--where", "tag=small", "--runs", runs.Path);
        Assert.Contains("name", listed.Output.Split('\n')[0]);
        Assert.Contains("first try", listed.Output);
        Assert.Contains("baseline small", listed.Output);
        Assert.EndsWith("1 run\n", listed.Output);
        Assert.EndsWith("0 runs\n", SweepCli.Run("runs", "ls", "--where", "tag=other", "--runs", runs.Path).Output);
        Assert.EndsWith("0 runs\n", SweepCli.Run("runs", "ls", "--where", "tag!=baseline", "--runs", runs.Path).Output);
        Assert.EndsWith("1 run\n", SweepCli.Run("runs", "ls", "--where", "name=first try", "--runs", runs.Path).Output);

        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("Name **first try**, tags baseline, small.", report);
        Assert.Contains("> does a seed change the loss?", report);
    }

    [Theory]
    [InlineData("--tag", "two words", "--tag expects one word")]
    [InlineData("--tag", "", "--tag expects one word")]
    [InlineData("--name", " ", "--name expects a non-empty name")]
    [InlineData("--set", "seed=3", "give --seed or --set seed=N, not both")]
    public void Bad_labels_and_a_seed_given_twice_are_usage_errors(string option, string value, string expected)
    {
        var (exit, _, error) = SweepCli.Run("run", "tiny-gpt", "--seed", "5", option, value);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, error);
    }
}
