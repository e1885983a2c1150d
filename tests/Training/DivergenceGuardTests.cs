using DslRunner.Losses;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Tests.Training;

public sealed class DivergenceGuardTests
{
    /// <summary>Adds NaN to the loss from a given step on.</summary>
    sealed class NaNFromStep(int step) : LossTerm
    {
        public override string Name => "poison";

        public override Tensor Compute(LossInputs inputs) =>
            inputs.Step >= step ? tensor(float.NaN) : zeros(1).sum();
    }

    [Fact]
    public void A_NaN_loss_stops_the_run_and_keeps_the_last_good_checkpoint()
    {
        var experiment = new TestExperiment(TestExperiment.Tiny(steps: 30), new NaNFromStep(17));
        using var root = new TempFolder();

        var error = Assert.Throws<TrainingDivergedException>(() => ExperimentRunner.Run(experiment, root.Path, SilentProgress.Instance));

        Assert.Equal(17, error.Step);
        Assert.Contains("training loss became NaN", error.Message);
        string checkpoint = Path.Combine(Directory.GetDirectories(Path.Combine(root.Path, "tiny")).Single(), TrainingCheckpoint.FileName);
        Assert.Equal(checkpoint, error.LastCheckpoint);
        Assert.Equal(10, TrainingCheckpoint.ReadStep(checkpoint));
    }
}
