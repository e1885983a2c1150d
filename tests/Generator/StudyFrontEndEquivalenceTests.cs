using Microsoft.CodeAnalysis;
using DslRunner.Experiments;
using DslRunner.Experiments.Pinned;

namespace DslRunner.Tests.Generator;

/// <summary>A study declared with [Study] attributes is checked and emitted exactly as the same study in a *.study.yaml file.</summary>
public sealed class StudyFrontEndEquivalenceTests
{
    const string Experiment = """
        experiment: small
        seed: 5
        data: { corpus: synthetic, tokens: 12000, validation: 0.1, test: 0.1, seed: 42 }
        tokenizer: { kind: char }
        model: { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 16, head: tied }
        train: { batch: 8, steps: 16, eval_every: 4, threads: 1 }
        eval: { metrics: [capacity] }
        """;

    const string StudyYaml = """
        study: small-study
        description: Longer training against shorter, three seeds.
        seeds: [1, 2, 3]
        data_seeds: [42, 43]
        multiplicity: bonferroni
        arms:
          long: { experiment: small }
          short: { experiment: small, set: { train.steps: 4, data.train_tokens: 1000 } }
        measures: [loss, capacity]
        controls:
          long-learns:
            text: The long arm lowers its validation loss
            check: loss@last[long] - loss@start[long] < 0
        claims:
          longer-is-better:
            text: Longer training lowers the test loss
            source: pinned
            check: loss[long] - loss[short] < 0
            needs: [long-learns]
          capacity-low:
            text: C ends below one
            check: capacity[long] < 1
            value: min
        budgets:
          shorter:
            set: { train.steps: 8 }
            arms:
              short: { set: { train.steps: 2, train.eval_every: 1 } }
            seeds: [4, 5, 6]
            runtime: a few seconds
        """;

    const string StudyCSharp = """
        using DslRunner.Declarations;

        namespace Lab;

        [Study("small-study", Description = "Longer training against shorter, three seeds.", Seeds = new[] { 1, 2, 3 }, DataSeeds = new[] { 42, 43 }, Multiplicity = "bonferroni")]
        [Arm("long", "small")]
        [Arm("short", "small", Set = new[] { "train.steps=4", "data.train_tokens=1000" })]
        [Measures("loss", "capacity")]
        [Control("long-learns", "The long arm lowers its validation loss", "loss@last[long] - loss@start[long] < 0")]
        [Claim("longer-is-better", "Longer training lowers the test loss", "loss[long] - loss[short] < 0", Source = "pinned", Needs = new[] { "long-learns" })]
        [Claim("capacity-low", "C ends below one", "capacity[long] < 1", Value = "min")]
        [Budget("shorter", Set = new[] { "train.steps=8" }, Arms = new[] { "short: train.steps=2", "short: train.eval_every=1" }, Seeds = new[] { 4, 5, 6 }, Runtime = "a few seconds")]
        public static partial class SmallStudy
        {
        }
        """;

    const string DecodingYaml = """
        study: decoding-study
        arms:
          model: { experiment: small }
          greedy: { decodes: model, set: { decode: [ { greedy: { max_tokens: 8 } } ] } }
          narrow: { decodes: model, set: { decode: [ { top_p: { max_tokens: 8, p: 0.5, dynamic_step: 0.1 } } ] } }
        measures: [loss]
        plots:
          loss-against-loss: { x: loss, y: loss }
        """;

    const string DecodingCSharp = """
        using DslRunner.Declarations;

        namespace Lab;

        [Study("decoding-study")]
        [Arm("model", "small")]
        [DecodingArm("greedy", "model", Set = new[] { "decode=[{ greedy: { max_tokens: 8 } }]" })]
        [DecodingArm("narrow", "model", Set = new[] { "decode=[{ top_p: { max_tokens: 8, p: 0.5, dynamic_step: 0.1 } }]" })]
        [Measures("loss")]
        [Plot("loss-against-loss", "loss", "loss")]
        public static partial class DecodingStudy
        {
        }
        """;

    [Fact]
    public void Decoding_arms_and_plots_are_declared_alike_in_yaml_and_attributed_csharp()
    {
        var (yaml, csharp, fromCSharp) = BothFrontEnds("decoding.study.yaml", DecodingYaml, DecodingCSharp, "DecodingStudyStudy.g.cs", "Lab.DecodingStudy.Study.g.cs");
        Assert.Contains("new(\"greedy\", \"small\", new string[] { \"decode=[{greedy: {max_tokens: 8}}]\" }, Train: true, DecodesFrom: \"model\"),", yaml);
        Assert.Contains("new(\"loss-against-loss\", \"loss\", \"loss\"),", yaml);
        Assert.Equal(Body(yaml), Body(csharp));
        GeneratedCodeCompilesTests.AssertCompiles(fromCSharp, DecodingCSharp);
    }

    [Fact]
    public void Yaml_and_attributed_csharp_declarations_of_one_study_emit_the_same_definition()
    {
        var (yaml, csharp, fromCSharp) = BothFrontEnds("small.study.yaml", StudyYaml, StudyCSharp, "SmallStudyStudy.g.cs", "Lab.SmallStudy.Study.g.cs");
        Assert.Contains("new(\"short\", \"small\", new string[] { \"train.steps=4\", \"data.train_tokens=1000\" }, Train: true),", yaml);
        Assert.Contains("Multiplicity: global::DslRunner.Statistics.MultiplicityRule.Bonferroni,", yaml);
        Assert.Contains("DataSeeds: new int[] { 42, 43 }", yaml);
        Assert.Contains("[\"short\"] = new string[] { \"train.steps=2\", \"train.eval_every=1\" },", yaml);
        Assert.Equal(Body(yaml), Body(csharp));
        GeneratedCodeCompilesTests.AssertCompiles(fromCSharp, StudyCSharp);
        Assert.Contains("global::Lab.SmallStudy.Definition,", fromCSharp.GeneratedSources.Single(s => s.HintName == "StudyRegistry.g.cs").SourceText.ToString());
    }

    /// <summary>One study declared in YAML and in attributed C#, each run through the generator without diagnostics: the two generated study sources.</summary>
    static (string Yaml, string CSharp, GeneratorRunResult FromCSharp) BothFrontEnds(string studyFile, string studyYaml, string studyCSharp, string yamlHint, string csharpHint)
    {
        var fromYaml = GeneratorHarness.Run(("/project/small.experiment.yaml", Experiment), ("/project/" + studyFile, studyYaml));
        var fromCSharp = GeneratorHarness.Run([("/project/small.experiment.yaml", Experiment)], [studyCSharp]);
        Assert.Empty(fromYaml.Diagnostics);
        Assert.Empty(fromCSharp.Diagnostics);
        return (fromYaml.GeneratedSources.Single(s => s.HintName == yamlHint).SourceText.ToString(),
            fromCSharp.GeneratedSources.Single(s => s.HintName == csharpHint).SourceText.ToString(), fromCSharp);
    }

    [Fact]
    public void The_pinned_study_declared_in_csharp_matches_its_yaml_twin_in_the_real_build()
    {
        var yaml = TinyStudyStudy.Definition;
        var csharp = TinyStudyInCSharp.Definition;

        Assert.Contains(csharp, StudyRegistry.All);
        Assert.Equal(yaml.Seeds, csharp.Seeds);
        Assert.Equal(yaml.Arms, csharp.Arms, (a, b) => a.Label == b.Label && a.Experiment == b.Experiment && a.Overrides.SequenceEqual(b.Overrides) && a.Train == b.Train);
        Assert.Equal(yaml.Measures, csharp.Measures);
        Assert.Equal(yaml.Controls.Concat(yaml.Claims).Select(c => (c.Id, c.Text, c.Reference, c.Source, string.Join(",", c.Needs))),
            csharp.Controls.Concat(csharp.Claims).Select(c => (c.Id, c.Text, c.Reference, c.Source, string.Join(",", c.Needs))));
        Assert.Equal(yaml.Budgets.Select(b => (b.Name, string.Join(",", b.Overrides), b.Runtime, string.Join(";", b.ArmOverrides.Select(a => a.Key + ":" + string.Join(",", a.Value))))),
            csharp.Budgets.Select(b => (b.Name, string.Join(",", b.Overrides), b.Runtime, string.Join(";", b.ArmOverrides.Select(a => a.Key + ":" + string.Join(",", a.Value))))));
        Assert.Equal(yaml.CodeMeasures.Select(m => m.GetType()), csharp.CodeMeasures.Select(m => m.GetType()));
    }

    /// <summary>The definition without the class line (the YAML study's class is public and named after the study).</summary>
    static string Body(string source) => source[source.IndexOf("    public const string Name", StringComparison.Ordinal)..];
}
