using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Sweeps;

/// <summary><c>sweep --grid key=v1,v2</c>: the axes' product at every declared point, each value checked as <c>--set</c> is.</summary>
public sealed class SweepGridTests
{
    [Fact]
    public void The_grid_multiplies_the_declared_points_and_its_values_are_overrides()
    {
        using var runs = new TempFolder();

        var (exit, output, error) = SweepCli.Run("sweep", "tiny-models", "--grid", "train.batch=4,8", "--grid", "train.optimizer.lr=1e-3,3e-3",
            "--dry-run", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        // tiny-models, its two variants and its two declared sweep points, each at 2 × 2 grid points.
        Assert.StartsWith("new sweep ", output);
        Assert.Contains("(20 points)", output);
        Assert.Contains("tiny-models@train.batch=4,train.optimizer.lr=1e-3 ", output);
        Assert.Contains("tiny-models.lstm@train.batch=8,train.optimizer.lr=3e-3 ", output);
        Assert.Contains("tiny-models@model=lstm,train.batch=8,train.optimizer.lr=1e-3 ", output);
        Assert.Contains("train.batch=8 train.optimizer.lr=1e-3\n", output);
    }

    [Fact]
    public void Grid_points_run_with_their_values_in_config_and_manifest_and_the_same_grid_finds_its_sweep_again()
    {
        using var runs = new TempFolder();
        string[] command = ["sweep", "tiny-gpt", "--set", "train.steps=4", "--set", "train.eval_every=2", "--grid", "model={d_model: 16},{d_model: 24}", "--runs", runs.Path];

        var first = SweepCli.Run(command);
        var again = SweepCli.Run([.. command, "--dry-run"]);
        var plain = SweepCli.Run([.. command[..6], "--runs", runs.Path, "--dry-run"]);

        Assert.True(first.Exit == ExitCodes.Ok, first.Error);
        var manifests = Directory.GetDirectories(Path.Combine(runs.Path, "tiny-gpt")).Select(RunManifest.Read).OrderBy(m => m.Config.Model.ExpressiveShape().Width).ToList();
        Assert.Equal(2, manifests.Count);
        Assert.Equal(["train.steps=4", "train.eval_every=2", "model={d_model: 16}"], manifests[0].Overrides);
        Assert.Equal(["train.steps=4", "train.eval_every=2", "model={d_model: 24}"], manifests[1].Overrides);
        Assert.Contains(": 2 finished, 0 running, 0 to run", again.Output);
        Assert.StartsWith("new sweep ", plain.Output);
        Assert.Contains("(1 points)", plain.Output);
    }

    [Fact]
    public void A_point_that_is_an_earlier_point_but_for_its_name_is_planned_once_and_said_so()
    {
        using var runs = new TempFolder();
        // The grid's transformer replaces the LSTM variant's model, so tiny-models.lstm@model=… is tiny-models@model=… renamed.
        const string Declared = "{kind: transformer, layers: 1, d_model: 32, heads: 2, context: 32, head: tied}";

        var (exit, output, error) = SweepCli.Run("sweep", "tiny-models", "--grid", $"model={Declared}", "--dry-run", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains($"tiny-models.lstm@model={Declared} is the same run as tiny-models@model={Declared} (only the name differs): planned once", output);
        Assert.Contains($"tiny-models@model=lstm,model={Declared} is the same run as tiny-models@model={Declared}", output);
        Assert.Contains("(2 points)", output);
        Assert.DoesNotContain($"  tiny-models.lstm@model=", output);
    }

    [Theory]
    [InlineData("model.d_model=16,abc", "--set model.d_model=abc: 'model.d_model' expects an integer, found 'abc' (DSL0004)")]
    [InlineData("model.dmodel=16,32", "'dmodel' is not a key of transformer; did you mean 'd_model'? (DSL0013)")]
    [InlineData("train.steps", "--grid expects key=v1,v2,… e.g. --grid train.optimizer.lr=1e-3,3e-3; found 'train.steps'")]
    [InlineData("train.steps=4,,8", "a value between commas is empty")]
    [InlineData("train.steps=4,4", "a value is given twice")]
    [InlineData("train.eval_every=2,4", "'train.eval_every' is given by both --set and --grid")]
    public void A_bad_grid_is_a_usage_error_saying_what_was_expected(string grid, string message)
    {
        var (exit, _, error) = SweepCli.Run("sweep", "tiny-gpt", "--set", "train.eval_every=2", "--grid", grid, "--dry-run");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Values_split_at_commas_outside_brackets_braces_and_quotes()
    {
        var axes = SweepGrid.Parse(["model={kind: lstm, hidden: 16},{kind: transformer}", "eval.prompts=['a, b'],[\"c,d\", e]"]);

        Assert.Equal(["{kind: lstm, hidden: 16}", "{kind: transformer}"], axes[0].Values);
        Assert.Equal(["['a, b']", "[\"c,d\", e]"], axes[1].Values);
        Assert.Equal(4, SweepGrid.Points(axes).Count);
    }
}
