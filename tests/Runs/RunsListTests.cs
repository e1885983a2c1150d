using System.Text.RegularExpressions;
using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Tests.Sweeps;

namespace DslRunner.Tests.Runs;

/// <summary>
/// <c>runs ls</c> over a runs root of one real tiny run and copies of it whose manifests name other experiments,
/// overrides, seeds and results: the manifests are what is listed, filtered and sorted.
/// </summary>
public sealed class RunsListTests(RunsListTests.RunsRoot root) : IClassFixture<RunsListTests.RunsRoot>
{
    readonly TempFolder runs = root.Runs;

    /// <summary>The runs root the tests list: built once, read only.</summary>
    public sealed class RunsRoot : IDisposable
    {
        public TempFolder Runs { get; } = new();

        public RunsRoot()
        {
            var (exit, _, error) = SweepCli.Run("run", "tiny-gpt", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", Runs.Path);
            Assert.True(exit == ExitCodes.Ok, error);
            string real = Directory.GetDirectories(Path.Combine(Runs.Path, "tiny-gpt")).Single();
            var manifest = RunManifest.Read(real);
            Copy(manifest, "tiny-gpt", "20260101-000001", 1, ["seed=1"], 0.71, 0.74);
            Copy(manifest, "tiny-gpt", "20260101-000002", 2, ["seed=2"], 0.52, 0.55);
            Copy(manifest, "tiny-gpt@train.steps=8", "20260101-000003", 42, ["train.steps=8"], 0.58, 0.61);
            Copy(manifest with { Config = manifest.Config with { Name = "other", Train = manifest.Config.Train with { Batch = 4 } } },
                "other", "20260101-000004", 42, [], 0.49, 0.50);
            Directory.Delete(real, recursive: true);
        }

        void Copy(RunManifest template, string experiment, string id, int seed, string[] overrides, double validation, double test)
        {
            var config = template.Config with { Name = experiment, Seed = seed };
            string folder = Path.Combine(Runs.Path, experiment, id);
            Directory.CreateDirectory(folder);
            (template with
            {
                Experiment = experiment, RunId = id, Seed = seed, Config = config, ConfigHash = RunManifest.HashConfig(config),
                StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, seed % 60, TimeSpan.Zero),
                FinishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, seed % 60, TimeSpan.Zero).AddSeconds(seed * 7.25),
                Results = new Dictionary<string, double> { ["validation/loss"] = validation, ["test/loss"] = test, ["tokens_per_second"] = 1000 },
                Overrides = overrides,
            }).Write(folder);
        }

        public void Dispose() => Runs.Dispose();
    }


    [Fact]
    public void Lists_every_run_with_its_overrides_and_final_metrics()
    {
        var (exit, output, error) = SweepCli.Run("runs", "ls", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        Snapshot.Match(output, "Runs/runs-ls.txt");
    }

    [Fact]
    public void Where_sort_and_experiment_select_and_order_runs_and_markdown_prints_a_table()
    {
        var filtered = SweepCli.Run("runs", "ls", "--where", "validation/loss<0.6", "--where", "train.batch=8", "--sort", "-test/loss", "--runs", runs.Path);
        var experiment = SweepCli.Run("runs", "ls", "--experiment", "tiny-gpt", "--where", "model.kind=transformer", "--markdown", "--runs", runs.Path);

        Assert.Equal(["tiny-gpt@train.steps=8/20260101-000003", "tiny-gpt/20260101-000002"], Ids(filtered.Output));
        Assert.EndsWith("2 runs\n", filtered.Output);
        Assert.Equal(3, Regex.Matches(experiment.Output, @"^\| tiny-gpt", RegexOptions.Multiline).Count);
        // A key named by --where or --sort becomes a column.
        Assert.Contains("| run | status | seed | started (UTC) | duration | overrides | validation/loss | test/loss | model.kind |\n|---|---|---|---|---|---|---:|---:|---:|\n", experiment.Output);
        Assert.Contains("| tiny-gpt@train.steps=8/20260101-000003 | finished | 42 | 2026-01-01 00:00 | 5m 04s | train.steps=8 | 0.58 | 0.61 | transformer |", experiment.Output);
        Assert.DoesNotContain("other/", experiment.Output);
    }

    [Fact]
    public void A_key_no_run_has_is_refused_with_the_closest_key_instead_of_listing_nothing()
    {
        var where = SweepCli.Run("runs", "ls", "--where", "validaton/loss<4", "--runs", runs.Path);
        var sort = SweepCli.Run("runs", "ls", "--sort", "-nonsense", "--runs", runs.Path);
        var byDuration = SweepCli.Run("runs", "ls", "--sort", "-duration", "--runs", runs.Path);

        Assert.Equal(ExitCodes.Usage, where.Exit);
        Assert.Contains("--where: no run under this folder has 'validaton/loss'; did you mean 'validation/loss'?", where.Error);
        Assert.Equal(ExitCodes.Usage, sort.Exit);
        Assert.Contains("--sort: no run under this folder has 'nonsense'", sort.Error);
        Assert.Equal(ExitCodes.Ok, byDuration.Exit);
        // Durations: seed × 7.25 s, so the two seed-42 runs (304.5 s, ties by id) come first and seed 1 last.
        Assert.Equal(["other/20260101-000004", "tiny-gpt@train.steps=8/20260101-000003", "tiny-gpt/20260101-000002", "tiny-gpt/20260101-000001"], Ids(byDuration.Output));
    }

    [Theory]
    [InlineData("validation/loss", "--where expects KEY OP VALUE with OP one of <, <=, >, >=, =, != and KEY a final metric, a config key, experiment, status, seed, name, note or tag (e.g. 'validation/loss<0.6', 'model.kind=lstm', 'tag=baseline'); found 'validation/loss'")]
    [InlineData("validation/loss<<0.6", "found 'validation/loss<<0.6'")]
    [InlineData("test/loss>low", "--where 'test/loss>low': '>' compares numbers, and 'low' is not a number")]
    public void A_malformed_where_says_what_was_expected(string where, string message)
    {
        var (exit, _, error) = SweepCli.Run("runs", "ls", "--where", where, "--runs", runs.Path);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error);
    }

    static string[] Ids(string output) =>
        [.. output.Split('\n').Skip(1).TakeWhile(line => line.Length > 0 && !line.EndsWith(" runs", StringComparison.Ordinal)).Select(line => line.Split(' ')[0])];
}
