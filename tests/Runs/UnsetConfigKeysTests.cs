using System.Text.Json;
using System.Text.Json.Nodes;
using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Runs;

/// <summary>
/// Keys added after runs were recorded without them (model.positions, data.seed, data.train_tokens, data.recall_share, data.recall_names) stay out of
/// the config JSON, and so out of its hash, unless an experiment sets them; runs recorded while they were written
/// out at their defaults still read back, resume and rerun.
/// </summary>
public sealed class UnsetConfigKeysTests
{
    static readonly ExperimentConfig Tiny = TestExperiment.Tiny(seed: 3, steps: 12);

    [Fact]
    public void An_experiment_that_does_not_use_the_added_keys_writes_none_of_them()
    {
        string json = ConfigJson.Serialize(Tiny);

        Assert.DoesNotContain("\"positions\"", json);
        Assert.DoesNotContain("\"train_tokens\"", json);
        Assert.DoesNotContain("\"recall_share\"", json);
        Assert.DoesNotContain("\"recall_names\"", json);
        Assert.DoesNotContain("\"seed\": null", json);
        Assert.Equal(Tiny, Reread(json), ConfigEquality.Instance);
    }

    [Fact]
    public void Set_keys_are_written_and_read_back()
    {
        var set = Tiny with
        {
            Model = ((TransformerConfig)Tiny.Model) with { Positions = PositionEncoding.Rope },
            Data = Tiny.Data with { Seed = 11, TrainTokens = 5_000, RecallShare = 0.5, RecallNames = 3 },
        };
        string json = ConfigJson.Serialize(set);

        Assert.Contains("\"positions\": \"rope\"", json);
        Assert.Contains("\"seed\": 11", json);
        Assert.Contains("\"train_tokens\": 5000", json);
        Assert.Contains("\"recall_share\": 0.5", json);
        Assert.Contains("\"recall_names\": 3", json);
        Assert.NotEqual(RunManifest.HashConfig(Tiny), RunManifest.HashConfig(set));
        Assert.Equal(set, Reread(json), ConfigEquality.Instance);
    }

    [Fact]
    public void The_diff_of_a_key_set_against_its_default_names_the_default()
    {
        var rope = Tiny with { Model = ((TransformerConfig)Tiny.Model) with { Positions = PositionEncoding.Rope } };

        var change = Assert.Single(ConfigDiff.Compare(Tiny, rope));

        Assert.Equal(new ConfigChange("model.positions", "\"learned\"", "\"rope\""), change);
    }

    [Fact]
    public void A_run_recorded_with_the_keys_written_at_their_defaults_reads_back_reruns_and_resumes()
    {
        var experiment = new TestExperiment(Tiny);
        using var root = new TempFolder();
        var finished = ExperimentRunner.Run(experiment, root.Path, SilentProgress.Instance);
        RecordWithKeysAtTheirDefaults(finished.Folder!);

        Assert.Contains("\"positions\": \"learned\"", File.ReadAllText(Path.Combine(finished.Folder!, RunManifest.FileName)));
        Assert.NotEqual(RunManifest.HashConfig(Tiny), RunManifest.Read(finished.Folder!).ConfigHash);
        var report = RunVerifier.Rerun(experiment, finished.Folder!, SilentProgress.Instance);
        Assert.True(report.Matches, string.Join("; ", report.Differences));

        using var crashedRoot = new TempFolder();
        Assert.Throws<CrashingProgress.SimulatedCrash>(() => ExperimentRunner.Run(experiment, crashedRoot.Path, new CrashingProgress(crashAfterStep: 11)));
        string crashed = Directory.GetDirectories(Path.Combine(crashedRoot.Path, "tiny")).Single();
        RecordWithKeysAtTheirDefaults(crashed);
        var resumed = ExperimentRunner.Resume(experiment, crashed, SilentProgress.Instance);
        Assert.DoesNotContain(MetricsComparison.Compare(finished.Metrics, resumed.Metrics, MetricsTolerance.Exact), d => !MetricsComparison.IsTiming(d.Metric));
    }

    /// <summary>Rewrites a manifest as runs were recorded while the keys were written out: explicit defaults, and the hash of that JSON.</summary>
    static void RecordWithKeysAtTheirDefaults(string folder)
    {
        string path = Path.Combine(folder, RunManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var config = manifest["config"]!.AsObject();
        config["model"]!.AsObject()["positions"] = "learned";
        config["data"]!.AsObject()["seed"] = null;
        config["data"]!.AsObject()["train_tokens"] = null;
        var explicitConfig = config.Deserialize<ExperimentConfig>(ConfigJson.Options)!;
        manifest["config_hash"] = DslRunner.RunFiles.FileHash.Sha256Text(JsonSerializer.Serialize(explicitConfig, ConfigJson.AsFormerlyRecorded));
        File.WriteAllText(path, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    static ExperimentConfig Reread(string json) => JsonSerializer.Deserialize<ExperimentConfig>(json, ConfigJson.Options)!;

    /// <summary>Configs compared by their JSON (records holding lists compare those by reference).</summary>
    sealed class ConfigEquality : IEqualityComparer<ExperimentConfig>
    {
        public static readonly ConfigEquality Instance = new();
        public bool Equals(ExperimentConfig? x, ExperimentConfig? y) =>
            JsonSerializer.Serialize(x, ConfigJson.WithUnsetKeys) == JsonSerializer.Serialize(y, ConfigJson.WithUnsetKeys);
        public int GetHashCode(ExperimentConfig obj) => 0;
    }
}
