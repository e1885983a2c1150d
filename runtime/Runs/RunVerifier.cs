using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Native;
using DslRunner.RunFiles;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>The verdict of re-running a recorded run.</summary>
/// <param name="ChangedFiles">Files of the recorded run whose content no longer matches the manifest's hash.</param>
/// <param name="Differences">Metrics of the re-run that differ from the recorded ones beyond the tolerance.</param>
/// <param name="RecordedCodeHash">The generated code's SHA-256 the run recorded.</param>
/// <param name="CurrentCodeHash">The SHA-256 of the generated code the re-run was compiled from.</param>
public sealed record RerunReport(
    string Folder, string RerunFolder, MetricsTolerance Tolerance, IReadOnlyList<string> ChangedFiles, IReadOnlyList<MetricDifference> Differences,
    string RecordedCodeHash, string CurrentCodeHash)
{
    /// <summary>The experiment's generated code is not the code the run was made with (its declaration may still be).</summary>
    public bool GeneratedCodeChanged => RecordedCodeHash != CurrentCodeHash;

    public bool Matches => ChangedFiles.Count == 0 && Differences.Count == 0;

    /// <summary>How the numeric environment here differs from the recorded run's, and whether identity was to be expected.</summary>
    public NumericDrift? Drift { get; init; }

    /// <summary>How the corpus here differs from the recorded one (the re-run went ahead because it was allowed to).</summary>
    public IReadOnlyList<string> CorpusChanges { get; init; } = [];

    public string? RecordedMetricsHash { get; init; }
    public string? RerunMetricsHash { get; init; }
}

/// <summary>The recorded numeric environment against this machine's (recorded is null for runs made before it was recorded).</summary>
public sealed record NumericDrift(
    NumericEnvironment? Recorded, NumericEnvironment Here, IReadOnlyList<(string Field, string Recorded, string Here)> Differences,
    bool IdentityExpected, string Reason)
{
    public static NumericDrift Between(NumericEnvironment? recorded, NumericEnvironment here, MachineInfo recordedMachine)
    {
        if (recorded is null)
        {
            bool same = recordedMachine.SameKindAs(MachineInfo.Current());
            return new NumericDrift(null, here, [], same,
                "the run predates numeric-environment records; " + (same ? "same CPU model and library versions" : "the CPU model or library versions differ"));
        }
        var (expected, reason) = recorded.ExpectsIdentityWith(here);
        return new NumericDrift(recorded, here, recorded.Differences(here), expected, reason);
    }
}

/// <summary>Regenerates a run from its manifest and checks that it produces the recorded metrics.</summary>
public static class RunVerifier
{
    /// <summary>
    /// Re-runs <paramref name="folder"/> in the numeric mode it was recorded in. It must then match exactly when the
    /// numeric environment is the same (for a portable run: the same CPU model, libraries and pins), else within
    /// <see cref="MetricsTolerance.CrossMachine"/>.
    /// </summary>
    /// <param name="allowCorpusChange">Re-run even when the local corpus differs from the recorded one (reported in the result).</param>
    /// <exception cref="InvalidOperationException">The declaration or the corpus changed since the run, or this process
    /// already loaded libtorch in the other numeric mode.</exception>
    public static RerunReport Rerun(IExperiment experiment, string folder, IRunProgress progress, bool allowCorpusChange = false)
    {
        var manifest = RunManifest.Read(folder);
        if (manifest.Status != "finished")
            throw new InvalidOperationException($"{folder} did not finish (status {manifest.Status}); resume it first");
        if (!RunManifest.IsHashOf(manifest.ConfigHash, experiment.Config))
        {
            var changes = ConfigDiff.Compare(manifest.Config, experiment.Config);
            throw new InvalidOperationException(
                $"'{experiment.Config.Name}' is no longer declared as it was for {folder}; changed keys: " +
                string.Join(", ", changes.Select(c => $"{c.Path} {c.Left} → {c.Right}")));
        }
        var mode = manifest.Numeric?.Portable == true ? Reproducibility.Portable : Reproducibility.Default;
        TorchRuntime.EnsureLoaded(mode);

        var corpusChanges = manifest.Corpus?.Differences(CorpusProvenance.Local(experiment.Config.Data, CachePaths.Root)) ?? [];
        if (corpusChanges.Count > 0 && !allowCorpusChange)
            throw new InvalidOperationException(
                $"the corpus here is not the one {folder} trained on ({string.Join("; ", corpusChanges)}); " +
                "rerun --allow-corpus-change re-runs anyway and reports the difference");

        var drift = NumericDrift.Between(manifest.Numeric, NumericEnvironment.Current(experiment.Config.Train.Threads), manifest.Machine);
        var tolerance = drift.IdentityExpected ? MetricsTolerance.Exact : MetricsTolerance.CrossMachine;
        var recorded = MetricsLog.Read(Path.Combine(folder, RunFileNames.Metrics));
        string runsRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(folder)))!;

        var rerun = ExperimentRunner.Run(experiment, runsRoot, progress, manifest.Variant, manifest.Overrides, mode);
        return new RerunReport(folder, rerun.Folder!, tolerance, manifest.ChangedFiles(folder),
            MetricsComparison.Compare(recorded, rerun.Metrics, tolerance), manifest.GeneratedCodeHash, experiment.GeneratedCodeHash)
        {
            Drift = drift,
            CorpusChanges = corpusChanges,
            RecordedMetricsHash = MetricsHash.Of(recorded),
            RerunMetricsHash = MetricsHash.Of(rerun.Metrics),
        };
    }
}
