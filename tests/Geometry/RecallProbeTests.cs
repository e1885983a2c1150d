using DslRunner.Data;
using DslRunner.Geometry;
using DslRunner.Native;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Geometry;

public class RecallProbeTests
{
    static readonly int[] Distances = [4, 8, 16, 32, 48];

    public RecallProbeTests() => TorchRuntime.EnsureLoaded();

    static (SyntheticText Text, BpeTokenizer Tokenizer) Bpe()
    {
        var text = SyntheticCorpus.Generate(seed: 4, minimumCharacters: 30_000);
        return (text, BytePairTrainer.Train(text.Text[..20_000], 400));
    }

    static RecallProbeOptions Options(int perDistance = 20, int batch = 64) => new(Distances, perDistance, Seed: 3, batch, FromCharacter: 20_000);

    [Fact]
    public void EveryProbeSitsExactlyAtItsDistanceInTheSequenceEncodedOnce()
    {
        var (text, tokenizer) = Bpe();

        var probes = RecallProbe.Build(tokenizer, text, Options(), context: 64);

        Assert.Equal(Distances.Select(_ => 20), Distances.Select(d => probes.Count(p => p.Distance == d)));
        int keep = Single(tokenizer, " keep"), recall = Single(tokenizer, " recall");
        bool loneSpace = false;
        foreach (var probe in probes)
        {
            int[] whole = tokenizer.Encode(probe.Text);
            // What the model reads and must predict is the whole sequence's own tokenization, not pieces encoded apart:
            // the sequence ends "… recall X." and the input is everything before the key's last token.
            int[] fed = whole[..^2];
            Assert.Equal(fed.Length > 64 ? fed[^64..] : fed, probe.Input);
            Assert.Equal(whole[^(probe.Key.Length + 1)..^1], probe.Key);
            string key = probe.Text[(probe.Text.LastIndexOf("recall ", StringComparison.Ordinal) + 7)..^1];
            Assert.Equal(key, tokenizer.Decode(probe.Key).TrimStart());
            // The kept key is spelled by the same tokens after " keep"; the cue is the token " recall", whether the recalled
            // key follows it at once or after a lone space.
            int keepAt = Array.LastIndexOf(whole, keep);
            int keyFirst = Enumerable.Range(keepAt + 1, 3).First(i => whole.AsSpan(i, probe.Key.Length).SequenceEqual(probe.Key));
            int keyLast = keyFirst + probe.Key.Length - 1;
            int cue = Array.LastIndexOf(whole, recall);
            Assert.InRange(whole.Length - 2 - probe.Key.Length - cue, 0, 1);
            loneSpace |= whole.Length - 2 - probe.Key.Length > cue;
            Assert.Equal(probe.Distance, cue - keyLast);
        }
        Assert.True(loneSpace, "this vocabulary leaves some names' space a token of its own, so both cases are checked");
    }

    [Fact]
    public void ACopierWithAShortReachRecallsOnlyTheShortDistances()
    {
        var (text, tokenizer) = Bpe();
        int keep = Single(tokenizer, " keep"), recall = Single(tokenizer, " recall");
        // The copier looks from " recall" (the cue) back to " keep": L plus the key's tokens and at most one more (a lone
        // space before the name), at most 8 here, so reach 24 covers L ≤ 16 and no longer distance.
        var model = new CopyingModel(tokenizer.VocabularySize, context: 64, keep, recall, reach: 24);

        var curve = RecallProbe.Measure(model, tokenizer, text, Options());

        Assert.Equal([4, 8, 16, 32, 48], curve.Select(r => r.Distance));
        Assert.All(curve, r => Assert.Equal(20, r.Probes));
        Assert.Equal([1.0, 1.0, 1.0, 0.0, 0.0], curve.Select(r => r.Rate));
        Assert.Equal(16, RecallProbe.UsableDistance(curve, 0.5));
    }

    [Fact]
    public void TheBatchSizeDoesNotChangeTheOutcome()
    {
        var (text, tokenizer) = Bpe();
        var model = new CopyingModel(tokenizer.VocabularySize, 64, Single(tokenizer, " keep"), Single(tokenizer, " recall"), reach: 30);

        Assert.Equal(RecallProbe.Measure(model, tokenizer, text, Options(batch: 1)), RecallProbe.Measure(model, tokenizer, text, Options(batch: 64)));
    }

    [Fact]
    public void WithCharacterTokensTheShortestDistancesCannotBeBuilt()
    {
        // "X. recall X": with one token per character the cue (recall's last letter) is at least 8 tokens after the key's last one.
        var text = SyntheticCorpus.Generate(seed: 4, minimumCharacters: 30_000);
        var probes = RecallProbe.Build(CharTokenizer.Train(text.Text), text, Options(perDistance: 5), context: 64);

        Assert.Equal([0, 5, 5, 5, 5], Distances.Select(d => probes.Count(p => p.Distance == d)));
    }

    [Fact]
    public void UsableDistanceIsTheUnbrokenRunFromTheShortestAndZeroWhenNothingIsRecalled()
    {
        RecallAtDistance[] curve = [new(4, 10, 9), new(8, 10, 5), new(16, 10, 4), new(32, 10, 8)];
        Assert.Equal(8, RecallProbe.UsableDistance(curve, 0.5));
        Assert.Equal(4, RecallProbe.UsableDistance(curve, 0.9));
        Assert.Equal(0, RecallProbe.UsableDistance([new(4, 10, 4), new(8, 10, 10)], 0.5));
        Assert.Equal(0, RecallProbe.UsableDistance([new(4, 0, 0)], 0.5));
    }

    static int Single(ITokenizer tokenizer, string word)
    {
        int[] ids = tokenizer.Encode(word);
        Assert.Single(ids);
        return ids[0];
    }
}
