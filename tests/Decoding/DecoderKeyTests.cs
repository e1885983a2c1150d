using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using Xunit;

namespace DslRunner.Tests.Decoding;

/// <summary>Decoder metrics are keyed by the decoder's DSL tag, or by its declared <c>name</c>: stable identifiers without settings or spaces.</summary>
public sealed class DecoderKeyTests
{
    const string TwoNucleusDecoders = """
        experiment: two-nucleus-decoders
        seed: 3
        data: { corpus: synthetic, tokens: 20000, validation: 0.1, test: 0.1 }
        model: { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 16 }
        train: { batch: 4, steps: 2, eval_every: 2, eval_batches: 1 }
        eval: { metrics: [], prompts: ["the "] }
        decode:
          - greedy: { max_tokens: 6 }
          - top_p: { max_tokens: 6, p: 0.9, name: wide }
          - top_p: { max_tokens: 6, p: 0.3, name: narrow }
        """;

    [Fact]
    public void A_decoder_is_keyed_by_its_tag_unless_it_declares_a_name()
    {
        var result = ConfigOverrides.Bind(TwoNucleusDecoders, []);
        Assert.Empty(result.Errors);

        Assert.Equal(["greedy", "wide", "narrow"], result.Config!.Decode.Select(d => d.Key));
        Assert.Equal("top_p", new TopPConfig(6, 0.9, 1).Key);
        Assert.Equal("capacity_saving", new CapacitySavingConfig(6, 0.9, 1).Key);
    }

    [Fact]
    public void Metrics_and_samples_carry_the_keys_and_samples_keep_the_settings_for_people()
    {
        var experiment = new ConfiguredExperiment(ConfigOverrides.Bind(TwoNucleusDecoders, []).Config!, "");

        var outcome = ExperimentRunner.Run(experiment, null, SilentProgress.Instance);

        var decoded = outcome.Evaluation.Metrics.Keys.Where(k => k.StartsWith("decode/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["greedy", "narrow", "wide"], decoded.Select(k => k.Split('/')[1]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("decode/wide/distinct_2", decoded);
        Assert.All(decoded, key => Assert.DoesNotContain(' ', key));
        var wide = outcome.Evaluation.Samples.Single(s => s.Decoder == "wide");
        Assert.Equal("wide (top-p p=0.9 t=1)", wide.Title);
    }

    [Fact]
    public void Two_decoders_with_one_key_are_refused_before_any_decoding()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            EvaluationKeys.Check([new TopPDecoder(new TopPConfig(6, 0.9, 1)), new TopPDecoder(new TopPConfig(6, 0.5, 1))], []));
        Assert.Contains("both keyed 'top_p'", error.Message);

        EvaluationKeys.Check([new TopPDecoder(new TopPConfig(6, 0.9, 1)), new TopPDecoder(new TopPConfig(6, 0.5, 1, Name: "narrow"))], []);
    }

    [Fact]
    public void An_override_that_gives_two_decoders_one_key_is_refused_with_the_rule()
    {
        var result = ConfigOverrides.Bind(TwoNucleusDecoders, ["decode.top_p.name=narrow"]);

        Assert.Null(result.Config);
        Assert.Contains("DSL0028", Assert.Single(result.Errors));
    }
}
