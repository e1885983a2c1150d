using DslRunner.Cli;
using DslRunner.Runs;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Sweeps;

/// <summary>A plan's time estimate: from the plan's own experiments' runs on this CPU, else from any finished run here.</summary>
public sealed class MeasuredThroughputTests
{
    [Fact]
    public void A_new_experiment_is_estimated_from_any_finished_run_on_this_cpu_and_threads()
    {
        using var runs = new TempFolder();
        var (exit, _, error) = SweepCli.Run("run", "tiny-gpt", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path);
        Assert.True(exit == ExitCodes.Ok, error);
        string made = RunLocator.Find("tiny-gpt", runs.Path);
        // Where a sweep or study keeps its runs: deeper than <root>/<experiment>/<run>.
        string nested = Path.Combine(runs.Path, "sweeps", "some-sweep", "runs", "tiny-gpt", Path.GetFileName(made));
        Directory.CreateDirectory(Path.GetDirectoryName(nested)!);
        Directory.Move(made, nested);
        var manifest = RunManifest.Read(nested);
        double expected = PointCost.TrainingFlops(manifest.Config) / manifest.Results["wall_seconds"];

        Assert.Equal(expected, MeasuredThroughput.FlopsPerSecond(runs.Path, ["brand-new-experiment"], manifest.Threads));
        Assert.Null(MeasuredThroughput.FlopsPerSecond(runs.Path, ["brand-new-experiment"], manifest.Threads + 1));
    }
}
