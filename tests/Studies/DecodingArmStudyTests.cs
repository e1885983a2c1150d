using DslRunner.Data;
using DslRunner.Decoding;
using DslRunner.Experiments;
using DslRunner.Experiments.Studies.Measures;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Studies;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Studies;

/// <summary>Decoding arms decode from their source arm's checkpoint at each seed and never train; declared plots are drawn.</summary>
public sealed class DecodingArmStudyTests
{
    public DecodingArmStudyTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Decoding_arms_reuse_the_trained_arms_runs_and_keep_their_own_measures()
    {
        using var folder = new TempFolder();
        var context = new StudyContext(Path.Combine(folder.Path, "tiny-decoding"), SilentProgress.Instance);
        var study = new DeclaredStudy(TinyDecodingStudy.Definition, ExperimentRegistry.All);

        var first = study.Run(context);
        var second = study.Run(context);

        // Three seeds train three runs; the six decoding results read those runs' checkpoints.
        var runs = Directory.GetDirectories(Path.Combine(context.RunsRoot, "tiny-study"));
        Assert.Equal(3, runs.Length);
        foreach (string run in runs)
        {
            var files = Directory.GetFiles(run, "study-measures*.json").Select(Path.GetFileName).Order().ToList();
            Assert.Equal(3, files.Count); // the model's own (the corpus's continuations), greedy's and top-p's
            Assert.Contains(files, f => f!.StartsWith("study-measures.greedy-", StringComparison.Ordinal));
            Assert.Contains(files, f => f!.StartsWith("study-measures.top-p-", StringComparison.Ordinal));
        }
        var table = first.Sections.Single(s => s.Heading == "Arms").Table!;
        string Cell(string arm, string column) => table.Rows.Single(r => r[0] == arm)[table.Headers.ToList().IndexOf(column)];
        Assert.Contains("decodes from model's model", Cell("greedy", "experiment"));
        Assert.NotEqual(Cell("greedy", "distinct_2"), Cell("top-p", "distinct_2")); // each decoding arm measures its own decoder's text
        Assert.Equal(Cell("model", "loss"), Cell("greedy", "loss"));               // the model is the shared one
        Assert.Contains("9 of 9 runs were reused", second.Sections.Single(s => s.Heading == "Runs").Text);
        string markdown = File.ReadAllText(StudyReportWriter.Write(first, context.Folder));
        Assert.Contains("](plot_repetition_vs_parse.png)", markdown);
        Assert.True(new FileInfo(Path.Combine(context.Folder, "plot_repetition_vs_parse.png")).Length > 1000);
    }

    [Fact]
    public void A_decoding_arm_plans_its_source_arms_config_with_its_own_decoder()
    {
        var plans = StudyPlanner.Plan(TinyDecodingStudy.Definition, TinyDecodingStudy.Definition.Budget("quick"), ExperimentRegistry.All);
        var model = plans.Where(p => p.Arm.Label == "model").ToList();
        var topP = plans.Where(p => p.Arm.Label == "top-p").ToList();

        Assert.Equal([1, 2, 3], topP.Select(p => p.Seed));
        Assert.Equal(model.Select(p => p.ConfigHash), topP.Select(p => RunManifest.HashConfig(p.Config with { Decode = [] })));
        Assert.Equal(0.9, Assert.IsType<TopPConfig>(Assert.Single(topP[0].Config.Decode)).P);
        Assert.Empty(model[0].Config.Decode);
    }

    [Fact]
    public void What_a_budget_sets_for_the_trained_arm_reaches_the_arms_that_decode_from_it()
    {
        var budget = new StudyBudgetDeclaration("longer", null, ["train.steps=5"], "")
        {
            ArmOverrides = new Dictionary<string, IReadOnlyList<string>> { ["model"] = ["train.steps=7"] },
        };
        var plans = StudyPlanner.Plan(TinyDecodingStudy.Definition, budget, ExperimentRegistry.All);

        Assert.All(plans, p => Assert.Equal(7, p.Config.Train.Steps));
        var model = plans.Where(p => p.Arm.Label == "model").Select(p => p.ConfigHash);
        Assert.Equal(model, plans.Where(p => p.Arm.Label == "greedy").Select(p => RunManifest.HashConfig(p.Config with { Decode = [] })));
    }

    [Fact]
    public void Sampled_continuations_vary_with_the_sampling_seed_and_the_replicate_and_a_deterministic_decoder_decodes_once()
    {
        var source = ExperimentRegistry.All.Single(e => e.Config.Name == "tiny-study");
        var config = ConfigOverrides.Bind(source.Declaration, ["data.tokens=40000", "decode=[{top_p: {max_tokens: 12, p: 1.0}}]"]).Config!;
        var data = DataPipeline.For(config);
        TorchRuntime.Configure(1, 5);
        using var model = config.Model.Build(data.Tokenizer.VocabularySize); // untrained: its samples spread widely

        var sampled = DecoderTexts.Of(new MeasureInput(config, model, data)).Continuations;
        var otherReplicate = DecoderTexts.Of(new MeasureInput(config with { Seed = config.Seed + 1 }, model, data)).Continuations;
        var greedy = DecoderTexts.Of(new MeasureInput(config with { Decode = [new GreedyConfig(12)] }, model, data)).Continuations;

        Assert.Equal(DecoderTexts.Prompts * DecoderTexts.SamplingSeeds, sampled.Count);
        int varied = Enumerable.Range(0, DecoderTexts.Prompts)
            .Count(p => Enumerable.Range(0, DecoderTexts.SamplingSeeds).Select(s => sampled[s * DecoderTexts.Prompts + p]).Distinct().Count() > 1);
        Assert.Equal(DecoderTexts.Prompts, varied);
        Assert.NotEqual(sampled, otherReplicate);
        Assert.Equal(DecoderTexts.Prompts, greedy.Count);
    }

    [Fact]
    public void Prompts_are_whole_held_out_sentences_and_their_references_the_text_that_follows()
    {
        var source = ExperimentRegistry.All.Single(e => e.Config.Name == "seed001-decoders");
        var data = DataPipeline.For(source.Config);
        var grammar = SyntheticGrammar.For(source.Config.Data.SeedFor(source.Config.Seed));

        var (prompts, references) = DecoderTexts.PromptsOf(data);

        Assert.Equal(DecoderTexts.Prompts, prompts.Count(p => data.Tokenizer.Decode([.. p]).EndsWith('.')));
        Assert.All(prompts, p => Assert.Equal(new GrammarCount(DecoderTexts.PromptSentences, DecoderTexts.PromptSentences), grammar.Check(data.Tokenizer.Decode([.. p]))));
        Assert.All(references, r => Assert.Equal(DecoderTexts.ReferenceTokens, r.Length));
        Assert.Equal(DecoderTexts.Prompts, prompts.Select(p => string.Join(',', p)).Distinct().Count());
    }
}
