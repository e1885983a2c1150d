using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Training;

public sealed class TrainingTests
{
    [Fact]
    public void Training_on_the_synthetic_corpus_lowers_validation_loss()
    {
        var outcome = ExperimentRunner.Run(new TestExperiment(TestExperiment.Tiny(steps: 40)), runsRoot: null, SilentProgress.Instance);

        var evaluations = outcome.Training.Evaluations;
        Assert.Equal([10, 20, 30, 40], evaluations.Select(e => e.Step));
        double first = evaluations[0].Loss, last = evaluations[^1].Loss;
        // A uniform guess over ~40 characters costs ln 40 ≈ 3.7 nats; learning the word list gets well below that.
        Assert.True(last < first - 0.3, $"validation loss fell only from {first:F4} to {last:F4}");
        Assert.True(last < 2.6, $"validation loss {last:F4} is not below 2.6 after 40 steps");
    }

    [Fact]
    public void The_same_seed_gives_the_identical_loss_sequence_and_another_seed_a_different_one()
    {
        double[] Losses(int seed) =>
        [
            .. ExperimentRunner.Run(new TestExperiment(TestExperiment.Tiny(seed, steps: 12)), null, SilentProgress.Instance)
                .Metrics.Where(m => m.Split != "test").Select(m => m.Values["loss"]),
        ];

        var first = Losses(seed: 11);
        var again = Losses(seed: 11);
        var other = Losses(seed: 12);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }
}
