using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;

namespace DslRunner.Tests.Decoding;

public sealed class PositionsKeyTests
{
    const string Declaration = """
        experiment: positions
        seed: 1
        data: { corpus: synthetic, tokens: 10000 }
        model: { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 8 }
        loss:
          - cross_entropy: {}
        train: { batch: 2, steps: 1 }
        """;

    static TransformerConfig Bound(params string[] overrides)
    {
        var result = ConfigOverrides.Bind(Declaration, overrides);
        Assert.Empty(result.Errors);
        return Assert.IsType<TransformerConfig>(result.Config!.Model);
    }

    [Fact]
    public void Model_positions_default_to_learned_and_rope_builds_a_rotary_model()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal(PositionEncoding.Learned, Bound().Positions);
        var rope = Bound("model.positions=rope");

        using var model = (GptModel)rope.Build(vocabularySize: 10);

        Assert.Equal(PositionEncoding.Rope, rope.Positions);
        Assert.Equal(PositionEncoding.Rope, model.Positions);
        Assert.Contains("\"positions\": \"rope\"", ConfigJson.Serialize(ConfigOverrides.Bind(Declaration, ["model.positions=rope"]).Config!));
    }

    [Fact]
    public void An_unknown_position_encoding_is_refused_with_the_choices()
    {
        var result = ConfigOverrides.Bind(Declaration, ["model.positions=sinusoidal"]);

        Assert.Null(result.Config);
        string error = Assert.Single(result.Errors);
        Assert.Contains("learned", error);
        Assert.Contains("rope", error);
    }
}
