using DslRunner.Decoding;
using DslRunner.Runs;

namespace DslRunner.Tests.Decoding;

/// <summary>The decoder keys the decoders study declares reach the decoders' configs (their effects are tested with each decoder).</summary>
public sealed class DecoderSettingsKeysTests
{
    const string Declaration = """
        experiment: decoder-settings
        seed: 3
        data: { corpus: synthetic, tokens: 20000, validation: 0.1, test: 0.1 }
        model: { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 16 }
        train: { batch: 4, steps: 2, eval_every: 2, eval_batches: 1 }
        decode:
          - top_p: { max_tokens: 6, p: 0.5, dynamic_step: 0.1, name: dynamic }
          - top_p: { max_tokens: 6, p: 0.5, name: fixed }
          - capacity_saving: { max_tokens: 6, p: 0.9, weight: 2, pick: sample, name: sampled }
          - capacity_saving: { max_tokens: 6, p: 0.9 }
        """;

    [Fact]
    public void Dynamic_step_weight_and_pick_are_declared_and_default_to_fixed_p_the_seed_formula_and_the_best_score()
    {
        var result = ConfigOverrides.Bind(Declaration, []);
        Assert.Empty(result.Errors);
        var decode = result.Config!.Decode;

        Assert.Equal(0.1, ((TopPConfig)decode[0]).DynamicStep);
        Assert.Equal(0, ((TopPConfig)decode[1]).DynamicStep);
        Assert.Equal((2.0, CandidatePick.Sample), (((CapacitySavingConfig)decode[2]).Weight, ((CapacitySavingConfig)decode[2]).Pick));
        Assert.Equal((1.0, CandidatePick.Best), (((CapacitySavingConfig)decode[3]).Weight, ((CapacitySavingConfig)decode[3]).Pick));
        Assert.StartsWith("dynamic top-p p=0.5", decode[0].Build().Name);
        Assert.Equal("capacity-saving p=0.9 w=2 strength=Probability sampled", decode[2].Build().Name);
    }

    [Fact]
    public void An_unknown_pick_is_refused_with_the_choices()
    {
        var result = ConfigOverrides.Bind(Declaration.Replace("pick: sample", "pick: random"), []);

        Assert.Contains(result.Errors, e => e.Contains("random") && e.Contains("best") && e.Contains("sample"));
    }
}
