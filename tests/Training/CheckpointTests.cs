using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Training;

public sealed class CheckpointTests
{
    /// <summary>Metrics that depend only on the computation, not on the clock.</summary>
    static IEnumerable<string> Deterministic(IEnumerable<MetricsRecord> metrics) =>
        metrics.Select(m => $"{m.Step} {m.Split} " + string.Join(" ",
            m.Values.Where(v => !MetricsComparison.IsTiming(v.Key)).Select(v => $"{v.Key}={v.Value:R}")));

    [Fact]
    public void Resuming_after_a_crash_ends_with_exactly_the_metrics_of_an_uninterrupted_run()
    {
        var experiment = new TestExperiment(TestExperiment.Tiny(seed: 5, steps: 30));
        using var uninterruptedRoot = new TempFolder();
        var uninterrupted = ExperimentRunner.Run(experiment, uninterruptedRoot.Path, SilentProgress.Instance);

        using var crashedRoot = new TempFolder();
        Assert.Throws<CrashingProgress.SimulatedCrash>(() => ExperimentRunner.Run(experiment, crashedRoot.Path, new CrashingProgress(crashAfterStep: 25)));
        string folder = Directory.GetDirectories(Path.Combine(crashedRoot.Path, "tiny")).Single();
        Assert.Equal(20, TrainingCheckpoint.ReadStep(Path.Combine(folder, TrainingCheckpoint.FileName)));

        var resumed = ExperimentRunner.Resume(experiment, folder, SilentProgress.Instance);

        Assert.Equal(Deterministic(uninterrupted.Metrics), Deterministic(resumed.Metrics));
        Assert.Equal(uninterrupted.Metrics.Count, File.ReadAllLines(Path.Combine(folder, "metrics.jsonl")).Length);
        Assert.Equal(uninterrupted.Evaluation.Samples, resumed.Evaluation.Samples);
    }

    [Fact]
    public void Resuming_with_dropout_and_a_sampled_decode_continues_libtorchs_random_stream_exactly()
    {
        // Dropout draws from libtorch's generator every step: the resumed run matches only if the checkpoint restored it.
        var tiny = TestExperiment.Tiny(seed: 9, steps: 30);
        var config = tiny with
        {
            Model = ((DslRunner.Models.TransformerConfig)tiny.Model) with { Dropout = 0.2 },
            Decode = [new DslRunner.Decoding.GreedyConfig(20), new DslRunner.Decoding.SampleConfig(20, Temperature: 1.0, TopK: 0, RepetitionPenalty: 1, Seed: 3)],
        };
        var experiment = new TestExperiment(config);
        using var uninterruptedRoot = new TempFolder();
        var uninterrupted = ExperimentRunner.Run(experiment, uninterruptedRoot.Path, SilentProgress.Instance);
        using var crashedRoot = new TempFolder();
        Assert.Throws<CrashingProgress.SimulatedCrash>(() => ExperimentRunner.Run(experiment, crashedRoot.Path, new CrashingProgress(crashAfterStep: 25)));
        string folder = Directory.GetDirectories(Path.Combine(crashedRoot.Path, "tiny")).Single();

        var resumed = ExperimentRunner.Resume(experiment, folder, SilentProgress.Instance);

        Assert.Equal(Deterministic(uninterrupted.Metrics), Deterministic(resumed.Metrics));
        Assert.Equal(uninterrupted.Evaluation.Samples, resumed.Evaluation.Samples);
        Assert.True(resumed.Evaluation.Samples.Select(s => s.Decoder).Distinct().Count() == 2, string.Join("; ", resumed.Evaluation.Samples));
    }

    [Fact]
    public void A_corrupted_checkpoint_is_refused_with_the_reason()
    {
        var experiment = new TestExperiment(TestExperiment.Tiny(steps: 10));
        using var root = new TempFolder();
        var outcome = ExperimentRunner.Run(experiment, root.Path, SilentProgress.Instance);
        string checkpoint = Path.Combine(outcome.Folder!, TrainingCheckpoint.FileName);

        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(checkpoint, bytes);
        var corrupted = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadStep(checkpoint));
        Assert.Contains("SHA-256", corrupted.Message);

        File.WriteAllBytes(checkpoint, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.ReadStep(checkpoint));
        Assert.Contains("truncated", truncated.Message);
    }
}
