using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Runs;

/// <summary>diff warns where per-token losses of two tokenizers sit side by side, and only there.</summary>
public sealed class DiffTokenizerWarningTests
{
    static readonly ExperimentConfig Char = TestExperiment.Tiny();
    static readonly ExperimentConfig Bpe = Char with { Name = "tiny-bpe", Tokenizer = new TokenizerConfig(TokenizerKind.Bpe, 300) };
    static readonly Dictionary<string, double> Results = new() { ["test/loss"] = 2.1, ["test/bits_per_byte"] = 1.2 };

    [Fact]
    public void Losses_of_two_tokenizers_side_by_side_carry_a_warning_that_points_to_bits_per_byte()
    {
        var diff = ExperimentDiff.Between(new DiffSide("char", Char, Results), new DiffSide("bpe", Bpe, Results));

        Assert.Equal("the two sides use different tokenizers (char vs bpe 300): loss and perplexity are per token, and their tokens " +
                     "differ, so those rows do not compare; bits_per_byte (eval.metrics) does", diff.TokenizerWarning);
        Assert.Contains("warning: the two sides use different tokenizers", DiffRenderer.Text(diff));
        Assert.Contains("> **Warning:** the two sides use different tokenizers", DiffRenderer.Markdown(diff));
    }

    [Fact]
    public void One_tokenizer_or_no_results_gives_no_warning()
    {
        Assert.Null(ExperimentDiff.Between(new DiffSide("a", Char, Results), new DiffSide("b", Char with { Seed = 9 }, Results)).TokenizerWarning);
        Assert.Null(ExperimentDiff.Between(new DiffSide("char", Char, null), new DiffSide("bpe", Bpe, null)).TokenizerWarning);
    }
}
