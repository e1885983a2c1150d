using DslRunner.Studies;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>
/// Seed 002's reading of token vectors: a token's meaning lies in its vector's direction, its length matters little.
/// Each measure edits the trained model's input token vectors, measures the held-out loss on the test windows the
/// run's final loss is measured on (same split, same batches), and puts the vectors back. An arm that is only built
/// has no held-out text: its value is NaN, shown as such in the arm table.
/// </summary>
static class EditedTokenVectors
{
    public static double LossWith(MeasureInput input, Func<Tensor, Tensor> edit)
    {
        if (input.Data is not { } data) return double.NaN;
        var vectors = input.Model.TokenVectors;
        using var noGrad = no_grad();
        using var saved = vectors.clone();
        try
        {
            using (var scope = NewDisposeScope()) vectors.copy_(edit(saved));
            return HeldOutLoss.Measure(input.Model, data.Splits.Test, input.Config.Train.Batch, input.Config.Train.EvalBatches);
        }
        finally
        {
            vectors.copy_(saved);
        }
    }

    public static Tensor Lengths(Tensor vectors) => vectors.norm(dim: 1, keepdim: true);
}

/// <summary>Held-out loss with every input token vector set to the mean length, its direction kept.</summary>
[StudyMeasure("loss_equal_lengths")]
public sealed class LossWithEqualLengths : IStudyMeasure
{
    public string Name => "loss_equal_lengths";

    public double Measure(MeasureInput input) => EditedTokenVectors.LossWith(input, vectors =>
    {
        var lengths = EditedTokenVectors.Lengths(vectors);
        return vectors / lengths.clamp_min(1e-12) * lengths.mean();
    });
}

/// <summary>
/// Held-out loss with every input token vector pointing in a random direction (uniform on the sphere, drawn from the
/// run's seed), its length kept.
/// </summary>
[StudyMeasure("loss_random_directions")]
public sealed class LossWithRandomDirections : IStudyMeasure
{
    public string Name => "loss_random_directions";

    public double Measure(MeasureInput input) => EditedTokenVectors.LossWith(input, vectors =>
    {
        using var generator = new TorchSharp.torch.Generator((ulong)input.Config.Seed);
        var directions = randn(vectors.shape, dtype: vectors.dtype, generator: generator);
        directions = directions / EditedTokenVectors.Lengths(directions);
        return directions * EditedTokenVectors.Lengths(vectors);
    });
}
