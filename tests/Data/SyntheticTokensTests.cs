using DslRunner.Data;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Data;

public class SyntheticTokensTests
{
    [Fact]
    public void WithCharactersTokenPositionsAreCharacterOffsets()
    {
        var text = SyntheticCorpus.Generate(seed: 4, minimumCharacters: 5_000);
        var tokens = SyntheticTokens.From(text, CharTokenizer.Train(text.Text));
        Assert.Equal(text.Dependencies.Select(d => (d.Source, d.Target, d.Distance)),
            tokens.Dependencies.Select(d => (d.SourceToken, d.TargetToken, d.Distance)));
    }

    [Fact]
    public void WithBpeTheSourceAndTargetTokensSpellTheSameWord()
    {
        var text = SyntheticCorpus.Generate(seed: 4, minimumCharacters: 20_000);
        var tokenizer = BytePairTrainer.Train(text.Text, 400);
        var tokens = SyntheticTokens.From(text, tokenizer);

        Assert.NotEmpty(tokens.Dependencies);
        foreach (var (dependency, planted) in tokens.Dependencies.Zip(text.Dependencies))
        {
            string word = text.Text.Substring(planted.Source, planted.Length);
            Assert.Contains(word[..2], tokenizer.Decode(tokens.Tokens.AsSpan(dependency.SourceToken, 2)));
            Assert.Equal(tokenizer.Decode(tokens.Tokens.AsSpan(dependency.SourceToken, 2)), tokenizer.Decode(tokens.Tokens.AsSpan(dependency.TargetToken, 2)));
            Assert.True(dependency.Distance < planted.Distance, "merged tokens make distances shorter than in characters");
        }
    }
}
