using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using Xunit;
using DslRunner.Models;
using DslRunner.Training;

namespace DslRunner.Tests.Cli;

public sealed class OverrideTests
{
    // experiments/pinned/tiny-gpt.experiment.yaml with its base merged in.
    const string TinyGpt = """
        experiment: tiny-gpt
        description: Pinned — a one-layer GPT with a tied head, decoded greedily and by beam search.
        seed: 42
        data: { corpus: synthetic, tokens: 30000, validation: 0.1, test: 0.1 }
        tokenizer: { kind: char }
        train:
          optimizer: { kind: adamw, lr: 1.0e-2, weight_decay: 0.0 }
          schedule: { warmup: 4, decay: cosine }
          batch: 8
          steps: 20
          eval_every: 10
          eval_batches: 2
          threads: 1
        eval:
          metrics: [perplexity, capacity, expressive_capacity, dependency_length]
          prompts: ["the "]
        model: { kind: transformer, layers: 1, d_model: 32, heads: 2, context: 32, head: tied }
        loss:
          - cross_entropy: {}
        decode:
          - greedy: { max_tokens: 24 }
          - beam: { max_tokens: 24, width: 3 }
        """;

    static ExperimentConfig Bound(params string[] overrides)
    {
        var result = ConfigOverrides.Bind(TinyGpt, overrides);
        Assert.Empty(result.Errors);
        return result.Config!;
    }

    static string Error(params string[] overrides)
    {
        var result = ConfigOverrides.Bind(TinyGpt, overrides);
        Assert.Null(result.Config);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void A_model_section_of_another_kind_replaces_the_section_and_one_of_the_same_kind_merges()
    {
        var lstm = Assert.IsType<LstmConfig>(Bound("model={kind: lstm, embedding: 24, hidden: 32, layers: 1, context: 32}").Model);
        var wider = Assert.IsType<TransformerConfig>(Bound("model={kind: transformer, d_model: 64}").Model);

        Assert.Equal((24, 32, 1, 32, OutputHead.Dot), (lstm.Embedding, lstm.Hidden, lstm.Layers, lstm.Context, lstm.Head));
        Assert.Equal((1, 64, 2, 32), (wider.Layers, wider.DModel, wider.Heads, wider.Context));
    }

    [Fact]
    public void Switching_the_model_kind_by_its_key_starts_from_that_kind_and_names_what_it_still_needs()
    {
        var result = ConfigOverrides.Bind(TinyGpt, ["model.kind=lstm"]);

        Assert.Null(result.Config);
        Assert.Equal(["embedding", "hidden", "layers", "context"],
            result.Errors.Select(e => System.Text.RegularExpressions.Regex.Match(e, "^--set model.kind=lstm: model needs the key '(\\w+)'").Groups[1].Value));
    }

    [Fact]
    public void Without_overrides_the_declaration_binds_to_the_compiled_configuration()
    {
        var compiled = ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-gpt").Config;
        Assert.Equal(ConfigJson.Serialize(compiled), ConfigJson.Serialize(Bound()));
    }

    [Fact]
    public void Overrides_change_the_bound_configuration()
    {
        var config = Bound("train.steps=4", "model.d_model=64", "data.tokens=20000");
        Assert.Equal(4, config.Train.Steps);
        Assert.Equal(20000, config.Data.Tokens);
        Assert.Equal(64, Assert.IsType<TransformerConfig>(config.Model).DModel);
    }

    [Fact]
    public void Reproducibility_binds_portable_and_refuses_other_modes_naming_the_choices()
    {
        Assert.Equal(Reproducibility.Default, Bound().Train.Reproducibility);
        Assert.Equal(Reproducibility.Portable, Bound("train.reproducibility=portable").Train.Reproducibility);
        Assert.Contains("default, portable", Error("train.reproducibility=fast"));
    }

    [Fact]
    public void A_default_reproducibility_is_left_out_of_the_config_json_so_older_config_hashes_still_hold()
    {
        Assert.DoesNotContain("reproducibility", ConfigJson.Serialize(Bound()));
        var portable = Bound("train.reproducibility=portable");
        string json = ConfigJson.Serialize(portable);
        Assert.Contains("\"reproducibility\": \"portable\"", json);
        Assert.Equal(Reproducibility.Portable, System.Text.Json.JsonSerializer.Deserialize<ExperimentConfig>(json, ConfigJson.Options)!.Train.Reproducibility);
    }

    [Fact]
    public void An_unknown_key_is_refused_with_a_suggestion() =>
        Assert.Equal(
            "--set train.stepz=4: --set path 'train.stepz' does not exist: 'stepz' is not a key of train; did you mean 'steps'? (DSL0013)",
            Error("train.stepz=4"));

    [Fact]
    public void A_key_of_another_model_kind_is_refused_naming_the_kind_it_belongs_to() =>
        Assert.Equal(
            "--set model.hidden=32: --set path 'model.hidden' does not exist: 'hidden' is not a key of transformer; it is a key of the model kind lstm (this one is transformer) (DSL0013)",
            Error("model.hidden=32"));

    [Fact]
    public void A_value_of_the_wrong_type_is_refused() =>
        Assert.Equal("--set model.d_model=abc: 'model.d_model' expects an integer, found 'abc' (DSL0004)", Error("model.d_model=abc"));

    [Fact]
    public void A_value_out_of_range_is_refused() =>
        Assert.Contains("(DSL0005)", Error("train.steps=0"));

    [Fact]
    public void A_width_the_heads_do_not_divide_is_refused() =>
        Assert.Contains("d_model (33) must be divisible by heads (2)", Error("model.d_model=33"));

    [Fact]
    public void An_argument_without_equals_is_refused() =>
        Assert.Equal("--set train.steps: expected key=value, e.g. train.steps=50", Error("train.steps"));

    [Fact]
    public void A_configured_experiment_builds_the_parts_the_generated_one_builds()
    {
        var generated = ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-capacity");
        var configured = new ConfiguredExperiment(generated.Config, generated.GeneratedCodeHash);

        Assert.Equal(generated.BuildLoss().Terms.Select(t => t.GetType()), configured.BuildLoss().Terms.Select(t => t.GetType()));
        Assert.Equal(generated.BuildDecoders().Select(d => d.Name), configured.BuildDecoders().Select(d => d.Name));
    }

    [Fact]
    public void A_run_of_an_overridden_config_uses_the_override()
    {
        TorchRuntime.EnsureLoaded();
        var outcome = ExperimentRunner.Run(new ConfiguredExperiment(Bound("train.steps=4"), ""), runsRoot: null, SilentProgress.Instance);

        Assert.Equal(4, outcome.Metrics.Count(record => record.Split == "train"));
    }

    [Fact]
    public void Every_generated_declaration_binds_back_to_its_compiled_configuration()
    {
        var rebuildable = ExperimentRegistry.All.Where(e => e.Declaration.Length > 0).ToList();
        Assert.NotEmpty(rebuildable);
        Assert.All(rebuildable, experiment =>
        {
            var result = ConfigOverrides.Bind(experiment.Declaration, [], experiment.Config);
            Assert.Empty(result.Errors);
            Assert.Equal(ConfigJson.Serialize(experiment.Config), ConfigJson.Serialize(result.Config!));
        });
    }

    [Fact]
    public void Run_with_set_trains_the_overridden_config_and_records_it_in_the_manifest()
    {
        using var runs = new TempFolder();

        int exit = DslRunnerCli.Run(["run", "tiny-gpt", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path],
            ExperimentRegistry.All, TextWriter.Null, TextWriter.Null);

        Assert.Equal(ExitCodes.Ok, exit);
        var folder = Directory.GetDirectories(Path.Combine(runs.Path, "tiny-gpt")).Single();
        var manifest = RunManifest.Read(folder);
        Assert.Equal(["train.steps=4", "train.eval_every=2"], manifest.Overrides);
        Assert.Equal(4, manifest.Config.Train.Steps);
        Assert.NotEqual(RunManifest.HashConfig(ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-gpt").Config), manifest.ConfigHash);

        // The run is regenerated from its manifest's config, overrides included, and reproduces exactly.
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, DslRunnerCli.Run(["rerun", folder, "--runs", runs.Path], ExperimentRegistry.All, output, TextWriter.Null));
        Assert.Contains("MATCH", output.ToString());
        var rerun = RunManifest.Read(Directory.GetDirectories(Path.Combine(runs.Path, "tiny-gpt")).Single(f => f != folder));
        Assert.Equal(manifest.Overrides, rerun.Overrides);
    }

    [Fact]
    public void Run_with_a_refused_override_exits_with_a_usage_error_naming_it()
    {
        var error = new StringWriter();

        int exit = DslRunnerCli.Run(["run", "tiny-gpt", "--set", "model.d_model=abc"], ExperimentRegistry.All, TextWriter.Null, error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--set model.d_model=abc: 'model.d_model' expects an integer, found 'abc' (DSL0004)", error.ToString());
    }
}
