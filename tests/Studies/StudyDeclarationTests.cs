using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies;

namespace DslRunner.Tests.Studies;

/// <summary>Each study's experiments are declared, generated into the registry and configured as the study needs; nothing trains.</summary>
public sealed class StudyDeclarationTests
{
    static readonly IReadOnlyList<string> RegistryNames = [.. ExperimentRegistry.All.Select(e => e.Config.Name)];

    [Fact]
    public void Every_study_is_in_the_catalog_once()
    {
        Assert.Equal(
            ["seed000-capacity", "seed000-logit-mean", "seed001-decoders", "seed001-dependency-length", "seed002-gpt2-small", "seed003-tokenizers"],
            StudyCatalog.All.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Capacity_arms_share_the_model_and_differ_in_tokens_tenfold_and_in_the_loss()
    {
        Assert.Contains(Seed000Capacity.BaselineVariant.Name, RegistryNames);
        Assert.Contains(Seed000Capacity.ConstrainedVariant.Name, RegistryNames);
        var baseline = Seed000Capacity.BaselineVariant.Configuration;
        var constrained = Seed000Capacity.ConstrainedVariant.Configuration;

        Assert.Equal(baseline.Model, constrained.Model);
        Assert.Equal(10 * constrained.Data.Tokens, baseline.Data.Tokens);
        Assert.Equal(10 * constrained.Train.Steps, baseline.Train.Steps);
        Assert.Equal([new CrossEntropyConfig()], baseline.Loss);
        Assert.Equal([new CrossEntropyConfig(), new CapacityLossConfig(Lambda: 0.5, Target: 0.8, Warmup: 0)], constrained.Loss);
    }

    [Fact]
    public void Logit_mean_is_recorded_at_every_validation_of_an_untied_model()
    {
        var config = Seed000LogitMean.Configuration;

        Assert.Contains("logit_mean_abs", config.Eval.Metrics);
        Assert.Equal(OutputHead.Dot, config.Model.Head);
        Assert.True(config.Train.Steps / config.Train.EvalEvery >= 10, "too few validations for a trend");
    }

    [Fact]
    public void The_dependency_grid_covers_two_widths_two_depths_and_two_vocabularies()
    {
        var grid = DependencyLengthStudy.Grid.Select(e => e.Config).ToList();

        Assert.All(grid, c => Assert.Contains(c.Name, RegistryNames));
        Assert.All(grid, c => Assert.Equal(CorpusKind.Synthetic, c.Data.Corpus));
        var models = grid.Select(c => (TransformerConfig)c.Model).ToList();
        Assert.Equal([32, 64], models.Select(m => m.DModel).Distinct().Order());
        Assert.Equal([1, 2], models.Select(m => m.Layers).Distinct().Order());
        Assert.Equal([TokenizerKind.Char, TokenizerKind.Bpe], grid.Select(c => c.Tokenizer.Kind).Distinct().Order());
        Assert.Equal(4, grid.Count(c => c.Tokenizer.Kind == TokenizerKind.Char));
    }

    [Fact]
    public void Decoders_run_on_chinese_poetry_characters_with_the_capacity_saving_decoder_among_them()
    {
        var config = Seed001Decoders.Configuration;

        Assert.Equal(CorpusKind.ChinesePoetry, config.Data.Corpus);
        Assert.Equal(TokenizerKind.Char, config.Tokenizer.Kind);
        Assert.Equal([typeof(GreedyConfig), typeof(BeamConfig), typeof(TopPConfig), typeof(CapacitySavingConfig)], config.Decode.Select(d => d.GetType()));
        Assert.Equal(0.05, DecodersStudy.DynamicTopP.DynamicStep);
        Assert.Equal(Seed001Decoders.TopPDecoding.P, DecodersStudy.DynamicTopP.P);
    }

    [Fact]
    public void Tokenizers_share_corpus_budget_and_model_and_sparsity_sweeps_the_four_levels()
    {
        var tokenizers = TokenizersStudy.Tokenizers.Select(e => e.Config).ToList();
        Assert.Equal([TokenizerKind.Char, TokenizerKind.Word, TokenizerKind.Bpe, TokenizerKind.WordPiece], tokenizers.Select(c => c.Tokenizer.Kind));
        Assert.Single(tokenizers.Select(c => c.Data).Distinct());
        Assert.Single(tokenizers.Select(c => c.Model).Distinct());
        Assert.Single(tokenizers.Select(c => c.Train).Distinct());

        var levels = TokenizersStudy.SparsityLevels.Select(e => e.Config).ToList();
        Assert.All(levels, c => Assert.Contains(c.Name, RegistryNames));
        Assert.Equal([0.0, 0.5, 0.8, 0.9], levels.Select(c => c.Sparsity!.Target));
        Assert.Single(levels.Select(c => c.Model).Distinct());
    }

    [Fact]
    public void Gpt2_small_is_declared_with_the_published_dimensions()
    {
        Assert.Contains(Seed002Gpt2Small.Name, RegistryNames);
        Assert.Equal(new TransformerConfig(Layers: 12, DModel: 768, Heads: 12, Context: 1024, OutputHead.Tied, Dropout: 0, CosineScale: null),
            Seed002Gpt2Small.Model);
        Assert.Equal(Gpt2SmallStudy.Vocabulary, Seed002Gpt2Small.Tokenizer.Vocab);
    }

    [Fact]
    public void Study_list_names_every_study_and_an_unknown_study_is_a_usage_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int listed = DslRunnerCli.Run(["study", "list"], ExperimentRegistry.All, output, error, StudyCatalog.All);
        int unknown = DslRunnerCli.Run(["study", "seed999"], ExperimentRegistry.All, output, error, StudyCatalog.All);

        Assert.Equal(ExitCodes.Ok, listed);
        Assert.All(StudyCatalog.All, s => Assert.Contains(s.Name, output.ToString()));
        Assert.Equal(ExitCodes.Usage, unknown);
        Assert.Contains("no study named 'seed999'", error.ToString());
    }
}
