using System.Globalization;
using System.Text;
using DslRunner.Config;
using DslRunner.Generator.Measures;
using DslRunner.Statistics;
using DslRunner.Training;
using DslRunner.RunFiles;
using DslRunner.Training.Measures;

namespace DslRunner.Runs;

/// <summary>The short human-readable summary.md of a run.</summary>
public static class RunSummary
{
    /// <summary>
    /// Figures of the test record that the model, its weights or the budget fix, not a measurement on the test text
    /// (the end-of-training measures and the weights' sparsity): listed apart from the test measurements.
    /// </summary>
    static readonly HashSet<string> ModelFigures =
    [
        .. MeasureCatalog.BuiltIn.Where(m => m.When == MeasureTime.EndOfTraining).SelectMany(m => m.AllFigures), SparsityMeasure.Sparsity,
    ];

    public static string Render(ExperimentConfig config, string dataDescription, long parameters,
        TrainingResult training, EvaluationResult evaluation)
    {
        var culture = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(culture, $"# {config.Name}");
        md.AppendLine();
        if (config.Description.Length > 0) md.AppendLine(MarkdownText.Text(config.Description)).AppendLine();
        md.AppendLine(culture, $"- Data: {dataDescription}");
        md.AppendLine(culture, $"- Model: {parameters:N0} parameters");
        md.AppendLine(culture, $"- Training: {training.TrainLosses.Count:N0} steps{(training.StoppedEarly ? $" (stopped early; {config.Train.Steps:N0} declared)" : "")}{(training.KeptStep is { } kept ? $", weights of step {kept:N0} kept" : "")}, {training.TokensSeen:N0} tokens in {training.WallTime.TotalSeconds:F1} s ({training.TokensPerSecond:N0} tokens/s), seed {config.Seed}, {config.Train.Threads} threads");
        md.AppendLine(culture, $"- Final validation loss: {training.FinalEvaluation.Loss:F4} (perplexity {training.FinalEvaluation.Perplexity:F2})");
        var figures = evaluation.Metrics.Where(m => ModelFigures.Contains(m.Key)).ToList();
        if (figures.Count > 0)
            md.AppendLine(culture, $"- Model and budget: {string.Join(", ", figures.Select(m => $"{m.Key} {Numbers.Format(m.Value)}"))}");
        foreach (var (name, value) in evaluation.Metrics.Where(m => !ModelFigures.Contains(m.Key)))
            md.AppendLine(culture, $"- Test {name}: {Numbers.Format(value)}");
        md.AppendLine();
        md.AppendLine("## Validation loss");
        md.AppendLine();
        md.AppendLine("| step | loss | perplexity |");
        md.AppendLine("|---:|---:|---:|");
        foreach (var point in training.Evaluations)
            md.AppendLine(culture, $"| {point.Step} | {point.Loss:F4} | {point.Perplexity:F2} |");
        if (evaluation.Samples.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Samples");
            foreach (var sample in evaluation.Samples)
            {
                md.AppendLine();
                md.AppendLine(culture, $"**{MarkdownText.Text(sample.Title)}**, prompt {MarkdownText.Text(sample.Prompt)}:");
                md.AppendLine();
                md.Append(MarkdownText.Fenced(sample.Prompt + sample.Text, "text"));
            }
        }
        return md.ToString();
    }
}
