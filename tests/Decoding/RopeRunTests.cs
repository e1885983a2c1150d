using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Decoding;

/// <summary>
/// An experiment with rotary positions resumes and reruns exactly, its greedy samples rolling the cache past a
/// context of 8.
/// </summary>
public sealed class RopeRunTests
{
    static readonly ExperimentConfig Rope = WithRope(TestExperiment.Tiny(seed: 9, steps: 12));

    static ExperimentConfig WithRope(ExperimentConfig tiny) =>
        tiny with { Model = ((TransformerConfig)tiny.Model) with { Context = 8, Positions = PositionEncoding.Rope } };

    [Fact]
    public void A_rope_experiment_resumed_from_its_checkpoint_and_rerun_gives_identical_metrics()
    {
        var experiment = new TestExperiment(Rope);
        using var root = new TempFolder();
        var finished = ExperimentRunner.Run(experiment, root.Path, SilentProgress.Instance);
        Assert.Contains("\"positions\": \"rope\"", File.ReadAllText(Path.Combine(finished.Folder!, "config.json")));

        using var crashedRoot = new TempFolder();
        Assert.Throws<CrashingProgress.SimulatedCrash>(() => ExperimentRunner.Run(experiment, crashedRoot.Path, new CrashingProgress(crashAfterStep: 11)));
        string crashed = Directory.GetDirectories(Path.Combine(crashedRoot.Path, "tiny")).Single();
        var resumed = ExperimentRunner.Resume(experiment, crashed, SilentProgress.Instance);
        var rerun = RunVerifier.Rerun(experiment, finished.Folder!, SilentProgress.Instance);

        Assert.DoesNotContain(MetricsComparison.Compare(finished.Metrics, resumed.Metrics, MetricsTolerance.Exact), d => !MetricsComparison.IsTiming(d.Metric));
        Assert.Equal(finished.Evaluation.Samples, resumed.Evaluation.Samples);
        Assert.Equal(MetricsTolerance.Exact, rerun.Tolerance);
        Assert.True(rerun.Matches, string.Join("; ", rerun.Differences));
        Assert.Equal(rerun.RecordedMetricsHash, rerun.RerunMetricsHash);
    }
}
