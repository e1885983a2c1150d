using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Cli;

public sealed class VariantCliTests
{
    static readonly IExperiment Base = new TestExperiment(TestExperiment.Tiny(seed: 4, steps: 10) with { Name = "tiny", Description = "the base" });
    static readonly IExperiment Variant = new TestExperiment(TestExperiment.Tiny(seed: 4, steps: 10) with { Name = "tiny.short", Description = "the base", Seed = 5 });
    static readonly IExperiment SweepPoint = new TestExperiment(TestExperiment.Tiny(seed: 4, steps: 10) with { Name = "tiny@seed=6", Description = "the base", Seed = 6 });

    static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = DslRunnerCli.Run(args, [Base, Variant, SweepPoint], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void List_shows_each_experiment_with_its_variants_and_sweep_points()
    {
        var (exit, output, _) = Cli("list");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("tiny  the base\n  variant      short\n  sweep point  seed=6\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Run_with_a_variant_runs_that_variant_and_records_it_in_the_manifest()
    {
        using var runs = new TempFolder();

        var (exit, _, error) = Cli("run", "tiny", "--variant", "short", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        var manifest = RunManifest.Read(RunLocator.Find("tiny.short", runs.Path));
        Assert.Equal("short", manifest.Variant);
        Assert.Equal(5, manifest.Seed);

        var unknown = Cli("run", "tiny", "--variant", "long", "--runs", runs.Path);
        Assert.Equal(ExitCodes.Usage, unknown.Exit);
        Assert.Contains("'tiny' has no variant or sweep point 'long' (it has: short, seed=6)", unknown.Error);
    }

    [Fact]
    public void Sweep_runs_every_member_and_prints_a_comparison_table()
    {
        using var runs = new TempFolder();

        var (exit, output, error) = Cli("sweep", "tiny", "--runs", runs.Path);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Matches(@"tiny\s+\d\.\d{4}\s+\d\.\d{4}", output);
        Assert.Matches(@"tiny\.short\s+\d\.\d{4}", output);
        Assert.Matches(@"tiny@seed=6\s+\d\.\d{4}", output);
        Assert.Equal(3, Directory.GetDirectories(runs.Path).Count(d => Path.GetFileName(d).StartsWith("tiny", StringComparison.Ordinal)));
        Assert.Single(Directory.GetFiles(runs.Path, "report.md", SearchOption.AllDirectories), f => f.Contains("comparison"));
    }
}
