using DslRunner.Data;

namespace DslRunner.Tests.Data;

public sealed class SyntheticGrammarTests
{
    static readonly SyntheticLexicon Lexicon = SyntheticLexicon.Of(7);
    static readonly SyntheticGrammar Grammar = new(Lexicon);

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(31)]
    public void The_corpus_own_text_parses_completely(int seed)
    {
        var text = SyntheticCorpus.Generate(seed, 30_000).Text;

        var count = SyntheticGrammar.For(seed).Check(text);

        Assert.True(count.Sentences > 500, $"only {count.Sentences} sentences");
        Assert.Equal(count.Sentences, count.Parsed);
    }

    [Fact]
    public void Every_kind_of_sentence_parses()
    {
        string verb = Lexicon.Verbs[3], @object = Lexicon.ObjectsOf[3][0], noun = Lexicon.Nouns[5], adjective = Lexicon.Adjectives[2];
        string clause = $"the {noun} {verb} a {@object}";

        Assert.True(Grammar.Parses(clause));
        Assert.True(Grammar.Parses($"every {adjective} {noun} {verb} one {@object}"));
        Assert.True(Grammar.Parses($"{clause} but {clause}"));
        Assert.True(Grammar.Parses($"keep {Lexicon.Names[0]}"));
        Assert.True(Grammar.Parses($"recall {Lexicon.Names[4]}"));
    }

    [Fact]
    public void Corrupted_sentences_do_not_parse()
    {
        int verbIndex = Enumerable.Range(0, Lexicon.Verbs.Length).First(v => Lexicon.Nouns.Except(Lexicon.ObjectsOf[v]).Any());
        string verb = Lexicon.Verbs[verbIndex], @object = Lexicon.ObjectsOf[verbIndex][0], noun = Lexicon.Nouns[5];
        string wrongObject = Lexicon.Nouns.Except(Lexicon.ObjectsOf[verbIndex]).First();
        string clause = $"the {noun} {verb} a {@object}";

        Assert.False(Grammar.Parses($"the {noun} {verb} a {wrongObject}"));  // the verb does not take this object
        Assert.False(Grammar.Parses($"{noun} {verb} a {@object}"));           // no determiner
        Assert.False(Grammar.Parses($"the {noun} {noun} {verb} a {@object}")); // two nouns
        Assert.False(Grammar.Parses($"the {noun} {verb} a"));                 // unfinished
        Assert.False(Grammar.Parses($"{clause} and"));                        // joiner without a clause
        Assert.False(Grammar.Parses($"{clause} {clause}"));                   // two clauses without a joiner
        Assert.False(Grammar.Parses($"keep {noun}"));                         // keeps a name, not a noun
        Assert.False(Grammar.Parses($"recall {Lexicon.Names[0]} {Lexicon.Names[1]}"));
        Assert.False(Grammar.Parses($"the {noun} {verb} a zzz"));             // not a word of the language
        Assert.False(Grammar.Parses(""));
    }

    [Fact]
    public void A_text_counts_finished_sentences_and_charges_an_unfinished_one_only_once_it_has_gone_wrong()
    {
        string verb = Lexicon.Verbs[0], @object = Lexicon.ObjectsOf[0][1], noun = Lexicon.Nouns[0];
        string good = $"the {noun} {verb} a {@object}", bad = $"the {verb} {noun}";

        Assert.Equal(new GrammarCount(2, 1), Grammar.Check($" {good}. {bad}."));
        Assert.Equal(new GrammarCount(1, 1), Grammar.Check($" {good}. the {noun}"));        // cut off by the length limit: not counted
        Assert.Equal(new GrammarCount(2, 1), Grammar.Check($" {good}. the {noun} the"));    // already wrong: charged
        Assert.Equal(new GrammarCount(2, 1), Grammar.Check($"{good}.{good}."));             // no space after the period
        Assert.Equal(new GrammarCount(1, 0), Grammar.Check(string.Join(" ", Enumerable.Repeat(noun, 40)))); // a run-on without a period
        Assert.Equal(0.5, new GrammarCount(4, 2).Rate);
        Assert.True(double.IsNaN(new GrammarCount(0, 0).Rate));
    }
}
