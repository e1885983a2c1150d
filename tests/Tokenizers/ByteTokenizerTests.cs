using DslRunner.Runs;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public sealed class ByteTokenizerTests
{
    [Fact]
    public void Encodes_the_utf8_bytes_of_the_text_and_decodes_them_back()
    {
        var tokenizer = new ByteTokenizerKind().Train("whatever the corpus holds", vocabulary: 0);

        int[] ids = tokenizer.Encode("aé 山");

        Assert.Equal([0x61, 0xC3, 0xA9, 0x20, 0xE5, 0xB1, 0xB1], ids);
        Assert.Equal("aé 山", tokenizer.Decode(ids));
        Assert.Equal(256, tokenizer.VocabularySize);
        Assert.Equal("\uFFFD", tokenizer.Decode(ids.AsSpan(1, 1)));
    }

    [Fact]
    public void Its_vocabulary_is_fixed_at_256()
    {
        Assert.Equal(256, new ByteTokenizerKind().Train("", vocabulary: 256).VocabularySize);
        Assert.Contains("256", Assert.Throws<ArgumentException>(() => new ByteTokenizerKind().Train("", vocabulary: 300)).Message);
    }

    [Fact]
    public void An_experiment_declares_it_in_yaml_and_a_wrong_vocabulary_is_refused_at_build()
    {
        const string declaration = """
            experiment: bytes
            data: { tokens: 2000 }
            tokenizer: { kind: byte }
            model: { kind: transformer, layers: 1, d_model: 8, heads: 2, context: 8 }
            train: { batch: 2, steps: 2 }
            """;

        var bound = ConfigOverrides.Bind(declaration, []);
        var refused = ConfigOverrides.Bind(declaration, ["tokenizer.vocab=300"]);

        Assert.Equal("byte", TokenizerFactory.NameOf(bound.Config!.Tokenizer.Kind));
        Assert.IsType<ByteTokenizer>(TokenizerFactory.Train(bound.Config.Tokenizer, ""));
        Assert.Null(refused.Config);
        Assert.Contains(refused.Errors, error => error.Contains("fixed at 256", StringComparison.Ordinal));
    }
}
