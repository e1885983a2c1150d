using DslRunner.Data;
using DslRunner.Geometry;
using DslRunner.Native;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Geometry;

public class SpanRecallProbeTests
{
    static readonly int[] Names = [1, 2, 4, 8, 16];

    public SpanRecallProbeTests() => TorchRuntime.EnsureLoaded();

    static (SyntheticText Text, SyntheticLexicon Lexicon, BpeTokenizer Tokenizer) Bpe()
    {
        var text = SyntheticCorpus.Generate(seed: 4, minimumCharacters: 30_000, recallShare: 1, recallNames: 8);
        return (text, SyntheticLexicon.Of(4), BytePairTrainer.Train(text.Text[..20_000], 400));
    }

    static SpanRecallOptions Options(int perLength = 20) => new(Names, perLength, Seed: 3, Batch: 16, FromCharacter: 20_000);

    [Fact]
    public void EveryProbeAsksForTheWholeKeptSpanInTheSequencesOwnTokens()
    {
        var (text, lexicon, tokenizer) = Bpe();

        var probes = SpanRecallProbe.Build(tokenizer, text, lexicon, Options(), context: 64);

        Assert.Equal(Names.Select(_ => 20), Names.Select(k => probes.Count(p => p.Distance == k)));
        foreach (var probe in probes)
        {
            int[] whole = tokenizer.Encode(probe.Text);
            // The model reads everything before the recalled span's last token, its last 64 tokens when longer; the kept span is inside them.
            int[] fed = whole[..^2];
            Assert.Equal(fed.Length > 64 ? fed[^64..] : fed, probe.Input);
            Assert.Equal(whole[^(probe.Key.Length + 1)..^1], probe.Key);
            string recalled = probe.Text[(probe.Text.LastIndexOf("recall ", StringComparison.Ordinal) + 7)..^1];
            Assert.Equal(recalled, tokenizer.Decode(probe.Key).TrimStart());
            Assert.Equal(probe.Distance, recalled.Split(' ').Length);
            Assert.Contains("keep " + recalled + ". recall " + recalled + ".", probe.Text);
        }
        // Longer keys are longer spans in tokens.
        var tokens = Names.Select(k => probes.Where(p => p.Distance == k).Average(p => p.Key.Length)).ToArray();
        Assert.Equal(tokens.Order(), tokens);
        Assert.True(tokens[^1] >= 16);
    }

    [Fact]
    public void KeysTheContextCannotHoldAreNotProbed()
    {
        var text = SyntheticCorpus.Generate(seed: 4, minimumCharacters: 30_000);
        // One token per character: 16 names (about 100 characters) kept and recalled never fit 64 tokens; one name always does.
        var probes = SpanRecallProbe.Build(CharTokenizer.Train(text.Text), text, SyntheticLexicon.Of(4), Options(perLength: 5), context: 64);

        Assert.Equal(5, probes.Count(p => p.Distance == 1));
        Assert.Equal(0, probes.Count(p => p.Distance == 16));
        Assert.All(probes, p => Assert.True(p.Input.Length <= 64));
    }

    [Fact]
    public void ACopierWithAShortReachRecallsExactlyTheSpansWithinIt()
    {
        var (text, lexicon, tokenizer) = Bpe();
        int keep = Single(tokenizer, " keep"), recall = Single(tokenizer, " recall");
        const int reach = 12;
        var model = new CopyingModel(tokenizer.VocabularySize, context: 64, keep, recall, reach);

        var curve = SpanRecallProbe.Measure(model, tokenizer, text, lexicon, Options());

        // The copier reads from " recall" back to " keep": the kept span plus the "." after it. A probe is recalled
        // exactly when that fits its reach.
        var probes = SpanRecallProbe.Build(tokenizer, text, lexicon, Options(), context: 64);
        int Within(int k) => probes.Count(p => p.Distance == k
            && Array.LastIndexOf(p.Input, recall) - Array.LastIndexOf(p.Input, keep) <= reach);
        Assert.Equal(Names.Select(Within), curve.Select(c => c.Recalled));
        Assert.Equal(20, curve[0].Recalled);
        Assert.Equal(0, curve[^1].Recalled);
        var usable = SpanRecallProbe.Usable(curve, 0.5);
        Assert.False(usable.Bound);
        Assert.InRange(usable.Tokens, 4, reach);
    }

    [Fact]
    public void TheUsableSpanIsWhereRecallFallsThroughTheThresholdNoneBelowOneNameAndABoundWhenItNeverFalls()
    {
        SpanRecallAt[] curve = [new(1, 10, 10, 2), new(2, 10, 8, 4), new(3, 10, 2, 6), new(4, 10, 9, 8)];
        // Between 4 tokens at 0.8 and 6 tokens at 0.2: 0.5 is halfway, 5 tokens; a later recovery does not count.
        Assert.Equal(new UsableSpan(5, false), SpanRecallProbe.Usable(curve, 0.5));
        // Below the threshold at the shortest key, one name: shorter than the probe can measure, entered as none.
        Assert.Equal(new UsableSpan(0, false), SpanRecallProbe.Usable([new(1, 10, 4, 3), new(2, 10, 9, 5)], 0.5));
        Assert.Equal(new UsableSpan(0, false), SpanRecallProbe.Usable([new(1, 0, 0, double.NaN)], 0.5));
        // Never below: the longest probed span, which only bounds the usable span from below; lengths not probed are skipped.
        Assert.Equal(new UsableSpan(4, true), SpanRecallProbe.Usable([new(1, 10, 10, 2), new(2, 10, 6, 4), new(4, 0, 0, double.NaN)], 0.5));
    }

    static int Single(ITokenizer tokenizer, string word)
    {
        int[] ids = tokenizer.Encode(word);
        Assert.Single(ids);
        return ids[0];
    }
}
