using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Native;
using DslRunner.Tokenizers;
using DslRunner.Training;
using DslRunner.RunFiles;
using DslRunner.Training.Measures;

namespace DslRunner.Runs;

/// <summary>What a finished run leaves behind.</summary>
/// <param name="Folder">The run folder, or null for an in-memory run.</param>
/// <param name="Metrics">Every metrics record of the run, in order.</param>
public sealed record RunOutcome(string? Folder, TrainingResult Training, EvaluationResult Evaluation, IReadOnlyList<MetricsRecord> Metrics);

/// <summary>Runs one experiment end to end: data, training, evaluation, and the run folder.</summary>
public static class ExperimentRunner
{
    /// <summary>Starts a new run.</summary>
    /// <param name="runsRoot">Parent of the run folders; null runs in memory and writes nothing.</param>
    /// <param name="variant">The variant or sweep point this run is, for the manifest.</param>
    /// <param name="overrides">The <c>key=value</c> overrides the experiment's config was built with, for the manifest.</param>
    /// <param name="reproducibility">Portable asks for portable numerics even when the config does not (the CLI's --portable).</param>
    /// <param name="labels">The run's name, tags and note, for the manifest.</param>
    /// <exception cref="InvalidOperationException">This process already loaded libtorch in the other numeric mode.</exception>
    public static RunOutcome Run(
        IExperiment experiment, string? runsRoot, IRunProgress progress, string? variant = null, IReadOnlyList<string>? overrides = null,
        Reproducibility reproducibility = Reproducibility.Default, RunLabels? labels = null)
    {
        var startedAt = DateTimeOffset.UtcNow;
        string? folder = runsRoot is null ? null : RunFolder.Create(runsRoot, experiment.Config.Name, startedAt);
        return Start(experiment, folder, startedAt, progress, variant, overrides, reproducibility, labels ?? RunLabels.None);
    }

    /// <summary>Starts a new run in a folder created earlier with <see cref="RunFolder.Create"/> (still empty, or left without a manifest by a killed process).</summary>
    public static RunOutcome RunInto(
        IExperiment experiment, string folder, IRunProgress progress, string? variant = null, IReadOnlyList<string>? overrides = null,
        Reproducibility reproducibility = Reproducibility.Default)
    {
        foreach (string stale in Directory.GetFiles(folder)) File.Delete(stale);
        return Start(experiment, folder, DateTimeOffset.UtcNow, progress, variant, overrides, reproducibility, RunLabels.None);
    }

    static RunOutcome Start(
        IExperiment experiment, string? folder, DateTimeOffset startedAt, IRunProgress progress, string? variant, IReadOnlyList<string>? overrides,
        Reproducibility reproducibility, RunLabels labels)
    {
        var config = experiment.Config;
        TorchRuntime.EnsureLoaded(ModeOf(config, reproducibility));
        RunManifest? manifest = null;
        if (folder is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, RunFileNames.Config), ConfigJson.Serialize(config));
            manifest = new RunManifest(RunManifest.CurrentFormat, config.Name, variant, Path.GetFileName(folder), startedAt,
                FinishedAt: null, Status: "running", RunManifest.HashConfig(config), experiment.GeneratedCodeHash,
                GitInfo.Current(Directory.GetCurrentDirectory()), config.Seed, config.Train.Threads, MachineInfo.Current(),
                config, new Dictionary<string, string>(), new Dictionary<string, double>())
            {
                Overrides = overrides ?? [],
                Numeric = NumericEnvironment.Current(config.Train.Threads),
                Name = labels.Name,
                Tags = labels.Tags,
                Note = labels.Note,
            };
            manifest.Write(folder);
            progress.Message($"run folder: {folder}");
        }
        using var metrics = new MetricsLog(folder is null ? null : Path.Combine(folder, RunFileNames.Metrics));
        return Execute(experiment, folder, manifest, metrics, resume: false, progress);
    }

    /// <summary>Continues a stopped run from its last checkpoint; ends with the metrics of an uninterrupted run.</summary>
    public static RunOutcome Resume(IExperiment experiment, string folder, IRunProgress progress)
    {
        var manifest = RunManifest.Read(folder);
        if (manifest.Status == "finished")
            throw new InvalidOperationException($"{folder} has finished: there is nothing to resume, and resuming would overwrite its record");
        if (!RunManifest.IsHashOf(manifest.ConfigHash, experiment.Config))
            throw new InvalidOperationException(
                $"the experiment '{experiment.Config.Name}' has changed since {folder} was started; resume needs the same config");
        TorchRuntime.EnsureLoaded(manifest.Numeric?.Portable == true ? Reproducibility.Portable : ModeOf(experiment.Config, Reproducibility.Default));
        string checkpoint = Path.Combine(folder, TrainingCheckpoint.FileName);
        int lastStep = File.Exists(checkpoint) ? TrainingCheckpoint.ReadStep(checkpoint) : 0;
        // A process killed inside AtomicFile leaves its temporary sibling; the file it was replacing is whole.
        foreach (string stale in Directory.GetFiles(folder, "*.tmp")) File.Delete(stale);
        using var metrics = MetricsLog.Continue(Path.Combine(folder, RunFileNames.Metrics), lastStep);
        return Execute(experiment, folder, manifest with { Status = "running" }, metrics, resume: true, progress);
    }

    static RunOutcome Execute(IExperiment experiment, string? folder, RunManifest? manifest, MetricsLog metrics, bool resume, IRunProgress progress)
    {
        var config = experiment.Config;
        try
        {
            EvaluationKeys.Check(experiment.BuildDecoders(), experiment.BuildMetrics());
            TorchRuntime.Configure(config.Train.Threads, config.Seed);
            progress.Message($"training loss = {string.Join(" + ", experiment.BuildLoss().Terms.Select(term => term.Name))} (each term also logged as loss/<term>)");
            progress.Message($"preparing data: {config.Data.Corpus}, {config.Data.BudgetText}");
            var data = DataPipeline.For(config, progress.Message);
            progress.Message(data.Description);
            if (manifest is not null) manifest = manifest with { Corpus = CorpusProvenance.Local(config.Data, CachePaths.Root) };

            if (folder is not null)
            {
                TokenizerStore.Save(data.Tokenizer, Path.Combine(folder, TokenizerStore.FileName));
                metrics.Listener = new TensorBoardLog(folder).Write;
            }
            var context = new RunContext(config, data, folder, metrics, progress) { Resume = resume };
            var training = experiment.Train(context);
            using var model = training.Model;
            progress.Message($"model: {model.ParameterCount:N0} parameters; trained {training.TokensSeen:N0} tokens in {training.WallTime.TotalSeconds:F1} s");
            var evaluation = experiment.Evaluate(context, training);

            if (folder is not null && manifest is not null)
            {
                AtomicFile.WriteAllText(Path.Combine(folder, RunFileNames.Summary),
                    RunSummary.Render(config, data.Description, model.ParameterCount, training, evaluation));
                RunArtifacts.WriteSamples(folder, evaluation.Samples);
                RunArtifacts.WriteProjection(folder, model, data.Tokenizer);
                Finish(folder, manifest, training, evaluation, metrics.Records);
                RunReport.Write(folder);
            }
            return new RunOutcome(folder, training, evaluation, [.. metrics.Records]);
        }
        catch (TrainingInterruptedException stop) when (folder is not null && manifest is not null)
        {
            string when = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            (manifest with { Status = RunManifest.Interrupted, Interruptions = [.. manifest.Interruptions, $"{stop.Signal} after step {stop.Step} at {when}"] })
                .Write(folder);
            throw;
        }
        catch when (folder is not null && manifest is not null)
        {
            (manifest with { Status = "failed", FinishedAt = DateTimeOffset.UtcNow }).Write(folder);
            throw;
        }
    }

    /// <summary>Portable when the config or the caller asks for it; else as the process was asked (<see cref="NumericPins.ModeVariable"/>).</summary>
    public static Reproducibility ModeOf(ExperimentConfig config, Reproducibility requested) =>
        config.Train.Reproducibility == Reproducibility.Portable || requested == Reproducibility.Portable
            ? Reproducibility.Portable
            : NumericPins.Requested();

    static void Finish(string folder, RunManifest manifest, TrainingResult training, EvaluationResult evaluation, IReadOnlyList<MetricsRecord> metrics)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in new[] { RunFileNames.Config, RunFileNames.Metrics, RunFileNames.Summary, TrainingCheckpoint.FileName, TokenizerStore.FileName, RunArtifacts.SamplesFileName, RunArtifacts.ProjectionFileName })
            if (File.Exists(Path.Combine(folder, name))) files[name] = FileHash.Sha256(Path.Combine(folder, name));
        var results = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["validation/loss"] = training.FinalEvaluation.Loss,
            [MetricsLog.TokensPerSecond] = training.TokensPerSecond,
            ["wall_seconds"] = training.WallTime.TotalSeconds,
            [ModelCostMeasure.Parameters] = training.Model.ParameterCount,
        };
        foreach (var (name, value) in evaluation.Metrics) results["test/" + name] = value;
        if (training.StoppedEarly) results["stopped_at_step"] = training.TrainLosses.Count;
        if (training.KeptStep is { } kept) results["kept_step"] = kept;
        (manifest with { Status = "finished", FinishedAt = DateTimeOffset.UtcNow, Files = files, Results = results, MetricsHash = MetricsHash.Of(metrics) })
            .Write(folder);
        // Needed only to resume; the run's checkpoint now holds the kept weights.
        File.Delete(Path.Combine(folder, BestWeights.FileName));
    }
}
