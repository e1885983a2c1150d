using System.Globalization;
using System.Text;
using DslRunner.Config;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>The short human-readable summary.md of a run.</summary>
public static class RunSummary
{
    public static string Render(ExperimentConfig config, string dataDescription, long parameters,
        TrainingResult training, EvaluationResult evaluation)
    {
        var culture = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(culture, $"# {config.Name}");
        md.AppendLine();
        if (config.Description.Length > 0) md.AppendLine(config.Description).AppendLine();
        md.AppendLine(culture, $"- Data: {dataDescription}");
        md.AppendLine(culture, $"- Model: {parameters:N0} parameters");
        md.AppendLine(culture, $"- Training: {training.TrainLosses.Count:N0} steps{(training.StoppedEarly ? $" (stopped early; {config.Train.Steps:N0} declared)" : "")}{(training.KeptStep is { } kept ? $", weights of step {kept:N0} kept" : "")}, {training.TokensSeen:N0} tokens in {training.WallTime.TotalSeconds:F1} s ({training.TokensPerSecond:N0} tokens/s), seed {config.Seed}, {config.Train.Threads} threads");
        md.AppendLine(culture, $"- Final validation loss: {training.FinalEvaluation.Loss:F4} (perplexity {training.FinalEvaluation.Perplexity:F2})");
        foreach (var (name, value) in evaluation.Metrics)
            md.AppendLine(culture, $"- Test {name}: {value:F4}");
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
                md.AppendLine(culture, $"**{sample.Title}**, prompt `{sample.Prompt.Replace("`", "'")}`:");
                md.AppendLine();
                md.AppendLine("```text");
                md.AppendLine(sample.Prompt + sample.Text);
                md.AppendLine("```");
            }
        }
        return md.ToString();
    }
}
