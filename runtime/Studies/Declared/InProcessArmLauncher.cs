using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;

namespace DslRunner.Studies.Declared;

/// <summary>
/// Runs each arm × seed in this process, one after another, into the study's run root; a finished run with the same
/// resolved config (and every study measure recorded) is reused instead of run again.
/// </summary>
public sealed class InProcessArmLauncher : IArmLauncher
{
    public const string MeasuresFileName = "study-measures.json";

    public IReadOnlyList<ArmResult> Run(IReadOnlyList<ArmPlan> plans, StudyDefinition study, StudyContext context)
    {
        var results = new List<ArmResult>();
        for (int i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            context.Progress.Message($"== [{i + 1}/{plans.Count}] arm {plan.Arm.Label}, seed {plan.Seed}");
            results.Add(plan.Arm.Train ? Reuse(plan, study, context) ?? Train(plan, study, context) : Build(plan, study));
        }
        return results;
    }

    static ArmResult Train(ArmPlan plan, StudyDefinition study, StudyContext context)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var measures = new Dictionary<string, double>();
        string fingerprint = "";
        var experiment = new StudyExperiment(new ConfiguredExperiment(plan.Config, plan.GeneratedCodeHash), plan.Config, [], (run, training) =>
        {
            fingerprint = Fingerprint(run.Data.Splits.Test);
            foreach (var measure in study.CodeMeasures)
                Record(measures, measure, new MeasureInput(plan.Config, training.Model, run.Data));
            if (run.Folder is not null) WriteMeasures(Path.Combine(run.Folder, MeasuresFileName), measures, fingerprint);
        });
        var outcome = ExperimentRunner.Run(experiment, context.RunsRoot, context.Progress, variant: plan.Arm.Label, overrides: plan.Overrides);
        return new ArmResult(plan, outcome.Folder, Reused: false, outcome.Metrics, measures, fingerprint, clock.Elapsed);
    }

    /// <summary>The newest finished run of this exact config that recorded every study measure, if any.</summary>
    static ArmResult? Reuse(ArmPlan plan, StudyDefinition study, StudyContext context)
    {
        string parent = Path.Combine(context.RunsRoot, RunFolder.SafeName(plan.Config.Name));
        if (!Directory.Exists(parent)) return null;
        foreach (string folder in Directory.GetDirectories(parent).OrderDescending(StringComparer.Ordinal))
        {
            string measuresPath = Path.Combine(folder, MeasuresFileName);
            if (!File.Exists(Path.Combine(folder, RunManifest.FileName)) || !File.Exists(measuresPath)) continue;
            RunManifest manifest;
            try { manifest = RunManifest.Read(folder); }
            catch (Exception e) when (e is JsonException or IOException or InvalidDataException) { continue; }
            if (manifest.Status != "finished" || manifest.ConfigHash != plan.ConfigHash) continue;
            Dictionary<string, double> measures;
            string fingerprint;
            try { (measures, fingerprint) = ReadMeasures(measuresPath); }
            catch (JsonException) { continue; }
            if (study.CodeMeasures.Any(m => !measures.ContainsKey(m.Name)
                    || (m is IStudyRateMeasure && !measures.ContainsKey(RateCount.TrialsKey(m.Name))))) continue;
            context.Progress.Message($"reusing {folder}");
            return new ArmResult(plan, folder, Reused: true, MetricsLog.Read(Path.Combine(folder, ExperimentRunner.MetricsFileName)),
                measures, fingerprint, TimeSpan.Zero);
        }
        return null;
    }

    /// <summary>An arm that is only built and measured (a parameter count): no data, no training.</summary>
    static ArmResult Build(ArmPlan plan, StudyDefinition study)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int vocabulary = plan.Config.Tokenizer.Vocab > 0 ? plan.Config.Tokenizer.Vocab
            : throw new InvalidOperationException($"arm '{plan.Arm.Label}' is built without data, so its tokenizer must declare vocab");
        TorchRuntime.Configure(plan.Config.Train.Threads, plan.Seed);
        using var model = plan.Config.Model.Build(vocabulary);
        var measures = new Dictionary<string, double> { ["parameters"] = model.ParameterCount };
        foreach (var measure in study.CodeMeasures)
            Record(measures, measure, new MeasureInput(plan.Config, model, null));
        return new ArmResult(plan, null, Reused: false, [], measures, "", clock.Elapsed);
    }

    /// <summary>A measure's value; a rate's count beside it, so checks can pool it over seeds.</summary>
    static void Record(Dictionary<string, double> measures, IStudyMeasure measure, MeasureInput input)
    {
        if (measure is IStudyRateMeasure rate)
        {
            var count = rate.Count(input);
            measures[measure.Name] = count.Rate;
            measures[RateCount.SuccessesKey(measure.Name)] = count.Successes;
            measures[RateCount.TrialsKey(measure.Name)] = count.Trials;
        }
        else measures[measure.Name] = measure.Measure(input);
    }

    static string Fingerprint(int[] tokens) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(tokens.AsSpan())));

    sealed record MeasuresFile(SortedDictionary<string, double> Measures, string EvaluationFingerprint);

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    static void WriteMeasures(string path, Dictionary<string, double> measures, string fingerprint) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new MeasuresFile(new(measures, StringComparer.Ordinal), fingerprint), JsonOptions));

    static (Dictionary<string, double>, string) ReadMeasures(string path)
    {
        var file = JsonSerializer.Deserialize<MeasuresFile>(File.ReadAllText(path), JsonOptions);
        return (new Dictionary<string, double>(file?.Measures ?? []), file?.EvaluationFingerprint ?? "");
    }
}
