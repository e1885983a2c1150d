using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Training;
using DslRunner.RunFiles;
using DslRunner.Generator.Measures;

namespace DslRunner.Studies;

/// <summary>
/// The study-level measures of a finished run, computed in the study's own process from what the run left behind (its
/// final weights in the checkpoint, its data prepared again from the same config), so they do not depend on which
/// launcher ran the point. They are stored in the run folder, so a reused run is not measured twice.
/// </summary>
public static class ArmMeasures
{
    public const string FileName = "study-measures.json";

    /// <summary>The key under which a run metric of the untrained model is stored: <c>loss@init</c>.</summary>
    public static string InitKey(string metric) => metric + "@init";

    /// <summary>The measures and the evaluation text's fingerprint: read from the run folder, or computed and stored there.</summary>
    /// <param name="experiment">The arm's experiment with the point's overrides applied: it builds the model the run trained.</param>
    /// <param name="atInit">Also measure the run metrics of the untrained model (<see cref="AtInit"/>), stored as <c>metric@init</c>.</param>
    public static (IReadOnlyDictionary<string, double> Measures, string Fingerprint) Of(
        IExperiment experiment, string folder, IReadOnlyList<IStudyMeasure> measures, IRunProgress progress, bool atInit = false)
    {
        var (values, fingerprint, _) = Of(experiment, experiment.Config, folder, FileName, measures, progress, atInit);
        return (values, fingerprint);
    }

    /// <summary>
    /// The held-out figures of the untrained model, keyed <c>metric@init</c>: the loss and the eval.metrics figures on the test
    /// split (the text the run's final figures are measured on), as the run's own evaluation measures them.
    /// </summary>
    /// <param name="model">The model as built, before any step: built right after seeding and preparing the data, as the run built it.</param>
    public static Dictionary<string, double> AtInit(LanguageModel model, ExperimentConfig config, PreparedData data)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in EvalProbes.Measure(model, config.Eval, config.Train, data.Splits.Test, pruner: null))
            values[InitKey(name)] = value;
        foreach (var (name, value) in EvalProbes.Analytic(config.Model, model, config.Eval))
            values[InitKey(name)] = value;
        return values;
    }

    /// <summary>
    /// The measures of a decoding arm: the run's final weights with the arm's config (its decoders), stored beside the run
    /// under the arm's label and config hash, so every decoding arm of one run keeps its own; true when they were stored.
    /// </summary>
    public static (IReadOnlyDictionary<string, double> Measures, bool Stored) OfDecoding(
        IExperiment experiment, string folder, ArmPlan arm, IReadOnlyList<IStudyMeasure> measures, IRunProgress progress)
    {
        var (values, _, stored) = Of(experiment, arm.Config, folder, $"study-measures.{arm.Arm.Label}-{arm.ConfigHash[..12]}.json", measures, progress, atInit: false);
        return (values, stored);
    }

    static (IReadOnlyDictionary<string, double> Measures, string Fingerprint, bool Stored) Of(
        IExperiment experiment, ExperimentConfig config, string folder, string fileName, IReadOnlyList<IStudyMeasure> measures, IRunProgress progress,
        bool atInit)
    {
        string path = Path.Combine(folder, fileName);
        if (File.Exists(path) && Read(path) is { } stored && measures.All(m => stored.Measures.ContainsKey(m.Name)
                && (m is not IStudyRateMeasure || stored.Measures.ContainsKey(RateCount.TrialsKey(m.Name))))
                && (!atInit || stored.Measures.ContainsKey(InitKey(MeasureCatalog.Loss))))
            return (stored.Measures, stored.EvaluationFingerprint, true);

        // Measured in the run's own numeric mode when this process has not loaded libtorch yet; a process already loaded
        // in the other mode (a study mixing modes) measures in its own: a measurement, unlike training, needs no new process.
        if (!TorchRuntime.IsLoaded) TorchRuntime.EnsureLoaded(ExperimentRunner.ModeOf(config, Reproducibility.Default));
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        var data = DataPipeline.For(config);
        // A byte budget fixes the test text whatever the tokenizer, so arms with different tokenizers share its hash.
        string fingerprint = data.Texts is { } texts
            ? Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(texts.Test)))
            : Fingerprint(data.Splits.Test);
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (measures.Count > 0 || atInit)
        {
            progress.Message($"measuring {string.Join(", ", measures.Select(m => m.Name).Concat(atInit ? ["the untrained model"] : []))} on {folder}");
            // Seeded, then the data prepared, then the model built: the order the run followed, so this is the model its first step started from.
            using var model = experiment.BuildModel(data.Tokenizer.VocabularySize);
            if (atInit)
                foreach (var (name, value) in AtInit(model, config, data))
                    values[name] = value;
            TrainingCheckpoint.RestoreWeights(Path.Combine(folder, TrainingCheckpoint.FileName), model);
            model.eval();
            var input = new MeasureInput(config, model, data); // one measurement: measures may share work through it
            foreach (var measure in measures)
                Record(values, measure, input);
        }
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new MeasuresFile(values, fingerprint), JsonOptions));
        return (values, fingerprint, false);
    }

    /// <summary>A measure's value; a rate's count beside it, so checks can pool it over seeds.</summary>
    public static void Record(IDictionary<string, double> values, IStudyMeasure measure, MeasureInput input)
    {
        if (measure is IStudyRateMeasure rate)
        {
            var count = rate.Count(input);
            values[measure.Name] = count.Rate;
            values[RateCount.SuccessesKey(measure.Name)] = count.Successes;
            values[RateCount.TrialsKey(measure.Name)] = count.Trials;
        }
        else values[measure.Name] = measure.Measure(input);
    }

    static string Fingerprint(int[] tokens) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(tokens.AsSpan())));

    sealed record MeasuresFile(SortedDictionary<string, double> Measures, string EvaluationFingerprint);

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    static MeasuresFile? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<MeasuresFile>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
