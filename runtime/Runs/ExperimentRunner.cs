using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Native;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>What a finished run leaves behind.</summary>
/// <param name="Folder">The run folder, or null for an in-memory run.</param>
public sealed record RunOutcome(string? Folder, TrainingResult Training, EvaluationResult Evaluation, IReadOnlyList<MetricsRecord> Metrics);

/// <summary>Runs one experiment end to end: data, training, evaluation, and the run folder.</summary>
public static class ExperimentRunner
{
    /// <param name="runsRoot">Parent of the run folders; null runs in memory and writes nothing.</param>
    public static RunOutcome Run(IExperiment experiment, string? runsRoot, IRunProgress progress)
    {
        var config = experiment.Config;
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        string? folder = runsRoot is null ? null : RunFolder.Create(runsRoot, config.Name, DateTimeOffset.UtcNow);
        if (folder is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, "config.json"), ConfigJson.Serialize(config));
            progress.Message($"run folder: {folder}");
        }

        progress.Message($"preparing data: {config.Data.Corpus}, {config.Data.Tokens:N0} tokens");
        var data = DataPipeline.Prepare(config.Data, config.Tokenizer, config.Seed);
        progress.Message(data.Description);

        using var metrics = new MetricsLog(folder is null ? null : Path.Combine(folder, "metrics.jsonl"));
        var context = new RunContext(config, data, folder, metrics, progress);
        var training = experiment.Train(context);
        using var model = training.Model;
        progress.Message($"model: {model.ParameterCount:N0} parameters; trained {training.TokensSeen:N0} tokens in {training.WallTime.TotalSeconds:F1} s");
        var evaluation = experiment.Evaluate(context, training);

        if (folder is not null)
            AtomicFile.WriteAllText(Path.Combine(folder, "summary.md"),
                RunSummary.Render(config, data.Description, model.ParameterCount, training, evaluation));
        return new RunOutcome(folder, training, evaluation, metrics.Records);
    }
}
