using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Native;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>What a finished run leaves behind.</summary>
/// <param name="Folder">The run folder, or null for an in-memory run.</param>
/// <param name="Metrics">Every metrics record of the run, in order.</param>
public sealed record RunOutcome(string? Folder, TrainingResult Training, EvaluationResult Evaluation, IReadOnlyList<MetricsRecord> Metrics);

/// <summary>Runs one experiment end to end: data, training, evaluation, and the run folder.</summary>
public static class ExperimentRunner
{
    public const string ConfigFileName = "config.json";

    /// <summary>Starts a new run.</summary>
    /// <param name="runsRoot">Parent of the run folders; null runs in memory and writes nothing.</param>
    public static RunOutcome Run(IExperiment experiment, string? runsRoot, IRunProgress progress)
    {
        var config = experiment.Config;
        string? folder = runsRoot is null ? null : RunFolder.Create(runsRoot, config.Name, DateTimeOffset.UtcNow);
        if (folder is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, ConfigFileName), ConfigJson.Serialize(config));
            progress.Message($"run folder: {folder}");
        }
        using var metrics = new MetricsLog(folder is null ? null : Path.Combine(folder, "metrics.jsonl"));
        return Execute(experiment, folder, metrics, resume: false, progress);
    }

    /// <summary>Continues a stopped run from its last checkpoint; ends with the metrics of an uninterrupted run.</summary>
    public static RunOutcome Resume(IExperiment experiment, string folder, IRunProgress progress)
    {
        string configPath = Path.Combine(folder, ConfigFileName);
        if (!File.Exists(configPath))
            throw new InvalidOperationException($"{folder} is not a run folder: it has no {ConfigFileName}");
        if (File.ReadAllText(configPath) != ConfigJson.Serialize(experiment.Config))
            throw new InvalidOperationException(
                $"the experiment '{experiment.Config.Name}' has changed since {folder} was started; resume needs the same config");
        string checkpoint = Path.Combine(folder, TrainingCheckpoint.FileName);
        int lastStep = File.Exists(checkpoint) ? TrainingCheckpoint.ReadStep(checkpoint) : 0;
        using var metrics = MetricsLog.Continue(Path.Combine(folder, "metrics.jsonl"), lastStep);
        return Execute(experiment, folder, metrics, resume: true, progress);
    }

    static RunOutcome Execute(IExperiment experiment, string? folder, MetricsLog metrics, bool resume, IRunProgress progress)
    {
        var config = experiment.Config;
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        progress.Message($"preparing data: {config.Data.Corpus}, {config.Data.Tokens:N0} tokens");
        var data = DataPipeline.Prepare(config.Data, config.Tokenizer, config.Seed);
        progress.Message(data.Description);

        var context = new RunContext(config, data, folder, metrics, progress) { Resume = resume };
        var training = experiment.Train(context);
        using var model = training.Model;
        progress.Message($"model: {model.ParameterCount:N0} parameters; trained {training.TokensSeen:N0} tokens in {training.WallTime.TotalSeconds:F1} s");
        var evaluation = experiment.Evaluate(context, training);

        if (folder is not null)
            AtomicFile.WriteAllText(Path.Combine(folder, "summary.md"),
                RunSummary.Render(config, data.Description, model.ParameterCount, training, evaluation));
        return new RunOutcome(folder, training, evaluation, [.. metrics.Records]);
    }
}
