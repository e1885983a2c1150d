using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies;
using DslRunner.Experiments.Studies.Measures;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;

namespace DslRunner.Tests.Studies;

/// <summary>Each study's experiments are declared, generated into the registry and configured as the study needs; nothing trains.</summary>
public sealed class StudyDeclarationTests
{
    static readonly IReadOnlyList<string> RegistryNames = [.. ExperimentRegistry.All.Select(e => e.Config.Name)];

    [Fact]
    public void Every_study_is_in_the_catalog_once()
    {
        Assert.Equal(
            ["seed000-capacity", "seed000-logit-mean", "seed001-decoders", "seed001-dependency-length", "seed002-gpt2-small", "seed003-sparsity", "seed003-tokenizers", "tiny-decoding", "tiny-modes", "tiny-recall", "tiny-study", "tiny-study-cs"],
            StudyCatalog.All.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Capacity_arms_differ_only_in_training_tokens_the_capacity_term_and_the_head_over_one_fixed_text()
    {
        var study = Seed000CapacityStudy.Definition;
        var plans = StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All).ToDictionary(p => (p.Arm.Label, p.Seed));

        Assert.Equal(["ce-1x", "ce-10x", "cap-1x", "cap-10x", "cos-10x"], study.Arms.Select(a => a.Label));
        var ce10 = plans[("ce-10x", 1)].Config;
        var cos10 = plans[("cos-10x", 1)].Config;
        Assert.Equal(OutputHead.Tied, ((TransformerConfig)ce10.Model).Head);
        Assert.Equal(((TransformerConfig)ce10.Model) with { Head = OutputHead.Cosine }, cos10.Model);
        Assert.Equal(ce10.Data, cos10.Data);
        Assert.Equal(ce10.Train, cos10.Train);
        Assert.Equal(ce10.Loss, cos10.Loss);
        Assert.Equal([1, 2, 3], study.Seeds);
        var ce1 = plans[("ce-1x", 1)].Config;
        var cap10 = plans[("cap-10x", 1)].Config;
        Assert.Equal(ce1.Model, cap10.Model);
        Assert.Equal(ce1.Train, cap10.Train);
        Assert.Equal(ce1.Data with { TrainTokens = null }, cap10.Data with { TrainTokens = null });
        Assert.Equal(10 * ce1.Data.TrainTokens, cap10.Data.TrainTokens);
        Assert.Equal(TokenizerKind.Bpe, ce1.Tokenizer.Kind);
        Assert.Equal(4000, ce1.Tokenizer.Vocab);
        Assert.Equal([new CrossEntropyConfig()], ce1.Loss);
        var capacity = Assert.IsType<CapacityLossConfig>(cap10.Loss[1]);
        Assert.True(capacity.Target > 0.871, "C_target must lie above plain CE's C in the pilot");
        Assert.All(plans.Values, p => Assert.Equal(17, p.Config.Data.Seed));
    }

    [Fact]
    public void Logit_mean_crosses_optimizer_with_weight_decay_on_an_untied_head()
    {
        var study = Seed000LogitMeanStudy.Definition;
        var plans = StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All);

        Assert.Equal([OptimizerKind.AdamW, OptimizerKind.Sgd], plans.Select(p => p.Config.Train.Optimizer.Kind).Distinct());
        // Optimizer × weight decay: each optimizer with and without decay, everything else equal.
        Assert.Equal(4, plans.Where(p => p.Seed == 1).Select(p => (p.Config.Train.Optimizer.Kind, p.Config.Train.Optimizer.WeightDecay > 0)).Distinct().Count());
        Assert.All(plans, p => Assert.Equal(OutputHead.Dot, ((TransformerConfig)p.Config.Model).Head));
        Assert.All(plans, p => Assert.Contains("logit_mean_abs", p.Config.Eval.Metrics));
        Assert.Contains(study.Claims, c => c.Check.Value is CorrelationValue);
    }

    [Fact]
    public void Every_declared_study_documents_its_full_budget_and_replicates_trained_arms_at_least_three_times()
    {
        foreach (var study in StudyRegistry.All)
        {
            Assert.All(study.Arms, arm => Assert.Contains(arm.Experiment, RegistryNames));
            if (study.Arms.Any(a => a.Train)) Assert.True(study.Seeds.Count >= 3, $"{study.Name} has {study.Seeds.Count} seeds");
            Assert.All(study.Budgets.Where(b => b.Name != "quick"), b => Assert.NotEmpty(b.Runtime));
        }
    }

    [Fact]
    public void The_dependency_grid_spans_ten_times_in_analytic_length_over_one_text_and_judges_scaling_by_slope()
    {
        var study = Seed001DependencyLengthStudy.Definition;
        var plans = StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All).Where(p => p.Seed == 1).ToDictionary(p => p.Arm.Label, p => p.Config);

        Assert.Equal(["tiny", "shallow", "base", "mid", "deep"], plans.Keys);
        Assert.Single(plans.Values.Select(c => c.Data).Distinct());
        Assert.All(plans.Values, c => Assert.Equal(CorpusKind.Synthetic, c.Data.Corpus));
        Assert.All(plans.Values, c => Assert.Equal(4, c.Data.RecallNames));
        Assert.Single(plans.Values.Select(c => c.Tokenizer).Distinct());
        var @base = (TransformerConfig)plans["base"].Model;
        Assert.Equal(@base with { Layers = 1, DModel = 8, Heads = 1 }, plans["tiny"].Model);
        Assert.Equal(@base with { Layers = 1 }, plans["shallow"].Model);
        Assert.Equal(@base with { Layers = 3 }, plans["mid"].Model);
        Assert.Equal(@base with { Layers = 4, Heads = 8 }, plans["deep"].Model);
        // n·ln(m·h)/ln V with m = heads: from 0.33 (tiny) to 4.00 (deep) at V 512 — more than ten times.
        double Analytic(string arm) => DslRunner.Geometry.ExpressiveCapacity.Of(plans[arm].Model, 512).DependencyLength;
        Assert.True(Analytic("deep") / Analytic("tiny") >= 10);
        // Scaling is judged by slopes over all five arms; every claim needs recall to have appeared at the grid's centre or in its own arm.
        Assert.Equal(4, study.Claims.Count(c => c.Check.Value is SlopeValue { Arms.Count: 5 }));
        Assert.All(study.Claims, c => Assert.NotEmpty(c.Needs));
    }

    [Fact]
    public void Decoders_decode_from_one_model_per_seed_with_one_decoder_each_and_sweep_the_capacity_saving_exponent()
    {
        var study = Seed001DecodersStudy.Definition;
        var plans = StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All);
        var model = plans.Where(p => p.Arm.Label == "corpus").ToList();
        var decoding = plans.Where(p => p.Arm.DecodesFrom is not null).ToList();

        Assert.Equal([1, 2, 3], model.Select(p => p.Seed));
        Assert.Equal(CorpusKind.Synthetic, model[0].Config.Data.Corpus);
        Assert.Equal(TokenizerKind.Word, model[0].Config.Tokenizer.Kind);
        Assert.Empty(model[0].Config.Decode); // the corpus's own text: the human reference
        Assert.Equal(study.Arms.Count - 1, decoding.Count / 3);
        Assert.All(decoding, p => Assert.Equal("corpus", p.Arm.DecodesFrom));
        Assert.All(decoding, p => Assert.Equal(model.Single(m => m.Seed == p.Seed).ConfigHash, RunManifest.HashConfig(p.Config with { Decode = [] })));
        // Every decoder writes as many tokens as the reference continuation holds, so repetition compares like with like.
        Assert.All(decoding, p => Assert.Equal(DecoderTexts.ReferenceTokens, (int)Assert.Single(p.Config.Decode).GetType().GetProperty("MaxTokens")!.GetValue(p.Config.Decode[0])!));
        var saving = decoding.Where(p => p.Seed == 1).Select(p => p.Config.Decode[0]).OfType<CapacitySavingConfig>().ToList();
        Assert.Equal([1, 0.5, 1, 2, 4], saving.Select(c => c.Weight));
        Assert.Equal([CandidatePick.Best, CandidatePick.Sample, CandidatePick.Sample, CandidatePick.Sample, CandidatePick.Sample], saving.Select(c => c.Pick));
        Assert.Equal(2, study.Plots!.Count);
    }

    [Fact]
    public void Tokenizer_arms_differ_only_in_tokenizer_and_read_one_byte_budget()
    {
        var study = Seed003TokenizersStudy.Definition;
        var plans = StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All).Where(p => p.Seed == 1).ToDictionary(p => p.Arm.Label, p => p.Config);

        Assert.Equal(["char", "word", "bpe", "wordpiece", "char-wide", "char-long", "word-short", "wordpiece-long"], plans.Keys);
        Assert.Equal([TokenizerKind.Char, TokenizerKind.Word, TokenizerKind.Bpe, TokenizerKind.WordPiece, TokenizerKind.Char, TokenizerKind.Char, TokenizerKind.Word, TokenizerKind.WordPiece],
            plans.Values.Select(c => c.Tokenizer.Kind));
        var chars = plans["char"];
        Assert.NotNull(chars.Data.Bytes);
        Assert.Null(chars.Data.Tokens);
        Assert.All(plans.Values, c => Assert.Equal(chars.Data, c.Data));
        Assert.All(plans.Values.Take(5), c => Assert.Equal(chars.Model, c.Model));
        Assert.All(plans.Values.Take(4), c => Assert.Equal(chars.Train, c.Train));
        // The wide char arm differs only in its batch, so it covers as many bytes per step as BPE.
        Assert.Equal(chars.Train with { Batch = 41 }, plans["char-wide"].Train);
        // The equal-context arms differ only in their context, which holds as many bytes as BPE's 64 tokens.
        Assert.Equal([164, 36, 124], new[] { "char-long", "word-short", "wordpiece-long" }.Select(a => ((TransformerConfig)plans[a].Model).Context));
        Assert.All(new[] { "char-long", "word-short", "wordpiece-long" }, a =>
            Assert.Equal(chars.Model with { Context = ((TransformerConfig)plans[a].Model).Context }, plans[a].Model));
        Assert.True(study.Seeds.Count >= 3);
        // Every comparison of two tokenizers needs both to have learned and to have read the same bytes.
        Assert.All(study.Claims.Where(c => c.Check.Value is DifferenceValue { Left.Metric: "bits_per_byte" }),
            c => Assert.Contains(c.Needs, n => n.EndsWith("-same-held-out-bytes", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sparsity_compares_dense_pruned_and_small_dense_arms_that_differ_only_in_target_or_width()
    {
        var study = Seed003SparsityStudy.Definition;
        var plans = StudyPlanner.Plan(study, study.Budget("quick"), ExperimentRegistry.All).Where(p => p.Seed == 2).ToDictionary(p => p.Arm.Label, p => p.Config);

        Assert.Equal(["dense", "pruned-50", "pruned-80", "pruned-90", "small-80", "small-90", "small-80-compute", "small-90-compute"], plans.Keys);
        Assert.Equal([0.0, 0.5, 0.8, 0.9, 0.0, 0.0, 0.0, 0.0], plans.Values.Select(c => c.Sparsity!.Target));
        var dense = plans["dense"];
        Assert.All(plans.Values, c => Assert.Equal(dense.Data, c.Data));
        Assert.All(plans.Values.Take(6), c => Assert.Equal(dense.Train, c.Train));
        Assert.All(plans.Values.Take(4), c => Assert.Equal(dense.Model, c.Model));
        Assert.Equal([28, 20], new[] { plans["small-80"], plans["small-90"] }.Select(c => ((TransformerConfig)c.Model).DModel));
        // The compute-matched arms are the small models on larger batches for the same steps (the study's controls check their FLOPs).
        Assert.Equal(plans["small-80"].Model, plans["small-80-compute"].Model);
        Assert.Equal(plans["small-90"].Model, plans["small-90-compute"].Model);
        Assert.Equal(dense.Train with { Batch = 76 }, plans["small-80-compute"].Train);
        Assert.Equal(dense.Train with { Batch = 140 }, plans["small-90-compute"].Train);
        Assert.All(study.Claims.Where(c => c.Id.StartsWith("pruned-beats", StringComparison.Ordinal)), c => Assert.Equal(3, c.Needs.Count));
    }

    [Fact]
    public void Gpt2_small_is_declared_with_the_published_dimensions_and_only_built_and_the_token_vector_model_has_an_untied_head()
    {
        Assert.Contains(Seed002Gpt2Small.Name, RegistryNames);
        Assert.Equal(new TransformerConfig(Layers: 12, DModel: 768, Heads: 12, Context: 1024, OutputHead.Tied, Dropout: 0, CosineScale: null),
            Seed002Gpt2Small.Model);
        Assert.Equal(50_257, Seed002Gpt2Small.Tokenizer.Vocab);
        var arms = Seed002Gpt2SmallStudy.Definition.Arms.ToDictionary(a => a.Label);
        Assert.False(arms["gpt2-small"].Train);
        // Editing the input token vectors must leave the output vectors as trained.
        Assert.True(arms["trained"].Train);
        Assert.Equal(OutputHead.Dot, ((TransformerConfig)Seed002TokenVectors.Model).Head);
    }

    [Fact]
    public void Study_list_states_the_measured_runtime_of_a_budgets_last_run_and_nothing_for_one_never_run()
    {
        using var runs = new DslRunner.Tests.Infrastructure.TempFolder();
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, DslRunnerCli.Run(["study", "tiny-study", "--budget", "shorter", "--runs", runs.Path], ExperimentRegistry.All, output, output, StudyCatalog.All));
        var listing = new StringWriter();

        DslRunnerCli.Run(["study", "list", "--runs", runs.Path], ExperimentRegistry.All, listing, listing, StudyCatalog.All);

        string line = listing.ToString().Split('\n').SkipWhile(l => !l.StartsWith("tiny-study ", StringComparison.Ordinal)).Skip(1).First();
        Assert.Matches(@"budgets: quick \(default\): not run here yet, shorter: last run \d+\.\d min on .+ at load \d+\.\d, \d{4}-\d{2}-\d{2}", line);
    }

    [Fact]
    public void A_study_that_reuses_its_runs_keeps_the_runtime_its_trained_runs_measured()
    {
        using var runs = new DslRunner.Tests.Infrastructure.TempFolder();
        string[] command = ["study", "tiny-study", "--budget", "shorter", "--runs", runs.Path];
        Assert.Equal(ExitCodes.Ok, DslRunnerCli.Run(command, ExperimentRegistry.All, new StringWriter(), new StringWriter(), StudyCatalog.All));
        string runtimes = Path.Combine(runs.Path, "studies", "tiny-study", "runtimes.json");
        string measured = File.ReadAllText(runtimes);
        var again = new StringWriter();

        Assert.Equal(ExitCodes.Ok, DslRunnerCli.Run(command, ExperimentRegistry.All, again, again, StudyCatalog.All));

        Assert.Contains("runtime of budget 'shorter' not recorded: 6 run(s) were reused, not trained", again.ToString());
        Assert.Equal(measured, File.ReadAllText(runtimes));
    }

    [Fact]
    public void Study_list_names_every_study_and_an_unknown_study_is_a_usage_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        using var runs = new DslRunner.Tests.Infrastructure.TempFolder();
        int listed = DslRunnerCli.Run(["study", "list", "--runs", runs.Path], ExperimentRegistry.All, output, error, StudyCatalog.All);
        int unknown = DslRunnerCli.Run(["study", "seed999"], ExperimentRegistry.All, output, error, StudyCatalog.All);

        int badBudget = DslRunnerCli.Run(["study", "tiny-study", "--budget", "huge"], ExperimentRegistry.All, output, error, StudyCatalog.All);

        Assert.Equal(ExitCodes.Ok, listed);
        Assert.All(StudyCatalog.All, s => Assert.Contains(s.Name, output.ToString()));
        // Nothing ran under this runs folder: no runtime is stated, none was measured.
        Assert.Contains("budgets: quick (default): not run here yet, smoke: not run here yet", output.ToString());
        Assert.DoesNotContain("minutes", output.ToString());
        Assert.Equal(ExitCodes.Usage, unknown);
        Assert.Contains("no study named 'seed999'", error.ToString());
        Assert.Equal(ExitCodes.Usage, badBudget);
        Assert.Contains("study 'tiny-study' has no budget 'huge'; it has: quick, shorter.", error.ToString());
    }
}
