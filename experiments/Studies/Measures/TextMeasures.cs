using System.Text;
using DslRunner.Data;
using DslRunner.Studies;

namespace DslRunner.Experiments.Studies.Measures;

/// <summary>What a run's texts and training amount to, in bytes, tokens and compute: the figures that say whether arms with different tokenizers were matched.</summary>
static class TextMeasures
{
    public static PreparedData DataOf(MeasureInput input) => input.Data ?? throw new InvalidOperationException("this measure needs the run's data");

    public static TextSplits TextsOf(MeasureInput input) => DataOf(input).Texts
        ?? throw new InvalidOperationException("this measure counts the bytes of the split texts, which only a byte budget (data.bytes) fixes");

    /// <summary>Tokens the training loop consumed: steps × batch × context.</summary>
    public static long TrainedTokens(MeasureInput input) => (long)input.Config.Train.Steps * input.Config.Train.Batch * input.Model.Context;
}

/// <summary>UTF-8 bytes of the test text that bits per byte divides by: equal across arms when they read the same text.</summary>
[StudyMeasure("evaluated_bytes")]
public sealed class EvaluatedBytes : IStudyMeasure
{
    public string Name => "evaluated_bytes";

    public double Measure(MeasureInput input) => Encoding.UTF8.GetByteCount(TextMeasures.TextsOf(input).Test);
}

/// <summary>UTF-8 bytes of the training text: the data each arm had, equal across arms of one byte budget.</summary>
[StudyMeasure("train_bytes")]
public sealed class TrainBytes : IStudyMeasure
{
    public string Name => "train_bytes";

    public double Measure(MeasureInput input)
    {
        if (input.Config.Data.TrainTokens is not null)
            throw new InvalidOperationException("train_bytes counts the whole training text; data.train_tokens trains on a token prefix of it");
        return Encoding.UTF8.GetByteCount(TextMeasures.TextsOf(input).Train);
    }
}

/// <summary>Tokens the tokenizer makes of the training text.</summary>
[StudyMeasure("training_tokens")]
public sealed class TrainingTokens : IStudyMeasure
{
    public string Name => "training_tokens";

    public double Measure(MeasureInput input) => TextMeasures.DataOf(input).Splits.Train.Length;
}

/// <summary>UTF-8 bytes per token of the training text: how much text one token carries.</summary>
[StudyMeasure("bytes_per_token")]
public sealed class BytesPerToken : IStudyMeasure
{
    public string Name => "bytes_per_token";

    public double Measure(MeasureInput input) =>
        (double)Encoding.UTF8.GetByteCount(TextMeasures.TextsOf(input).Train) / TextMeasures.DataOf(input).Splits.Train.Length;
}

/// <summary>How many times training went over its text: tokens consumed (steps × batch × context) over training tokens.</summary>
[StudyMeasure("training_passes")]
public sealed class TrainingPasses : IStudyMeasure
{
    public string Name => "training_passes";

    public double Measure(MeasureInput input) => (double)TextMeasures.TrainedTokens(input) / TextMeasures.DataOf(input).Splits.Train.Length;
}

/// <summary>
/// Bytes of text one training step covers: batch × context tokens × bytes per training token. Arms with equal figures see
/// the text at the same rate, whatever their tokenizer.
/// </summary>
[StudyMeasure("bytes_per_step")]
public sealed class BytesPerStep : IStudyMeasure
{
    public string Name => "bytes_per_step";

    public double Measure(MeasureInput input) =>
        (double)input.Config.Train.Batch * input.Model.Context * Encoding.UTF8.GetByteCount(TextMeasures.TextsOf(input).Train)
        / TextMeasures.DataOf(input).Splits.Train.Length;
}

/// <summary>
/// Bytes of text the model's context holds: context tokens × bytes per training token. Arms with equal figures condition
/// each prediction on as much text, whatever their tokenizer.
/// </summary>
[StudyMeasure("context_bytes")]
public sealed class ContextBytes : IStudyMeasure
{
    public string Name => "context_bytes";

    public double Measure(MeasureInput input) =>
        (double)input.Model.Context * Encoding.UTF8.GetByteCount(TextMeasures.TextsOf(input).Train) / TextMeasures.DataOf(input).Splits.Train.Length;
}
