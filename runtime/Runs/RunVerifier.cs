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
}

/// <summary>Regenerates a run from its manifest and checks that it produces the recorded metrics.</summary>
public static class RunVerifier
{
    /// <exception cref="InvalidOperationException">The experiment's declaration changed since the run.</exception>
    public static RerunReport Rerun(IExperiment experiment, string folder, IRunProgress progress)
    {
        var manifest = RunManifest.Read(folder);
        if (manifest.Status != "finished")
            throw new InvalidOperationException($"{folder} did not finish (status {manifest.Status}); resume it first");
        if (manifest.ConfigHash != RunManifest.HashConfig(experiment.Config))
        {
            var changes = ConfigDiff.Compare(manifest.Config, experiment.Config);
            throw new InvalidOperationException(
                $"'{experiment.Config.Name}' is no longer declared as it was for {folder}; changed keys: " +
                string.Join(", ", changes.Select(c => $"{c.Path} {c.Left} → {c.Right}")));
        }
        var recorded = MetricsLog.Read(Path.Combine(folder, ExperimentRunner.MetricsFileName));
        var tolerance = manifest.Machine.SameKindAs(MachineInfo.Current()) ? MetricsTolerance.Exact : MetricsTolerance.CrossMachine;
        string runsRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(folder)))!;

        var rerun = ExperimentRunner.Run(experiment, runsRoot, progress, manifest.Variant, manifest.Overrides);
        return new RerunReport(folder, rerun.Folder!, tolerance, manifest.ChangedFiles(folder),
            MetricsComparison.Compare(recorded, rerun.Metrics, tolerance), manifest.GeneratedCodeHash, experiment.GeneratedCodeHash);
    }
}
