using DslRunner.Data;
using DslRunner.Studies;
using DslRunner.Training;
using static TorchSharp.torch;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>Vocabulary entries that are never a target in the training split (the unknown token, rare merges).</summary>
static class TrainingTargets
{
    public static bool[] Seen(PreparedData data, int vocabulary)
    {
        var seen = new bool[vocabulary];
        var train = data.Splits.Train;
        for (int i = 1; i < train.Length; i++) seen[train[i]] = true;
        return seen;
    }

    /// <summary>The ids of the vocabulary entries that are a target somewhere in the training split, as an index tensor.</summary>
    public static Tensor SeenIds(PreparedData data, int vocabulary)
    {
        var seen = Seen(data, vocabulary);
        return tensor(Enumerable.Range(0, vocabulary).Where(id => seen[id]).Select(id => (long)id).ToArray());
    }
}

/// <summary>The share of the vocabulary that is never a training target.</summary>
[StudyMeasure("never_target_share")]
public sealed class NeverTargetShare : IStudyMeasure
{
    public string Name => "never_target_share";

    public double Measure(MeasureInput input)
    {
        var seen = TrainingTargets.Seen(input.Data ?? throw new InvalidOperationException("needs the run's data"), input.Model.VocabularySize);
        return (double)seen.Count(s => !s) / seen.Length;
    }
}

/// <summary>
/// |mean logits| over only the vocabulary entries that are targets somewhere in the training split, on the test windows
/// the run's final logit_mean_abs is measured on (same split, same batches): what is left of the drift when never-target
/// tokens are left out.
/// </summary>
[StudyMeasure("logit_mean_abs_seen")]
public sealed class LogitMeanOfSeenTargets : IStudyMeasure
{
    public string Name => "logit_mean_abs_seen";

    public double Measure(MeasureInput input)
    {
        var data = input.Data ?? throw new InvalidOperationException("needs the run's data");
        using var seen = TrainingTargets.SeenIds(data, input.Model.VocabularySize);
        long kept = seen.shape[0];
        double mean = HeldOutPass.Mean(input.Model, data.Splits.Test, input.Config.Train.Batch, input.Config.Train.EvalBatches, (logits, _) =>
            (logits.index_select(-1, seen).sum(type: ScalarType.Float64).item<double>(), logits.numel() / logits.shape[^1] * kept));
        return Math.Abs(mean);
    }
}
