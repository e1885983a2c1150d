using System.Text;
using DslRunner.Data;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Tokenizers;

public class BpeTokenizerTests
{
    [Fact]
    public void FirstMergeIsTheMostFrequentPair()
    {
        // Pieces "ab", " ab", " ab", " cd": (a, b) occurs 3 times, (' ', a) twice, every other pair once.
        var tokenizer = BytePairTrainer.Train("ab ab ab cd", 257);
        Assert.Equal(new BpeMerge('a', 'b', 256), tokenizer.Merges[0]);
    }

    [Fact]
    public void EqualCountsGoToTheSmallerLeftThenRightId()
    {
        var tokenizer = BytePairTrainer.Train("yz xw", 257);
        Assert.Equal(new BpeMerge(' ', 'x', 256), tokenizer.Merges[0]);
    }

    [Fact]
    public void MergesReachExactlyTheDeclaredVocabulary()
    {
        var tokenizer = BytePairTrainer.Train(SyntheticCorpus.Generate(seed: 3, minimumCharacters: 20_000).Text, 400);
        Assert.Equal(400, tokenizer.VocabularySize);
    }

    [Fact]
    public void StopsBelowTheDeclaredVocabularyWhenNoPairIsLeft()
    {
        var tokenizer = BytePairTrainer.Train("abc", 1000);
        Assert.Equal(258, tokenizer.VocabularySize);
        Assert.Equal([257], tokenizer.Encode("abc"));
    }

    [Fact]
    public void IncrementalCountsLearnTheSameMergesAsRecountingEveryStep()
    {
        string text = SyntheticCorpus.Generate(seed: 5, minimumCharacters: 3_000).Text + SampleTexts.TrainingText[..2_000];
        var learned = BytePairTrainer.Train(text, 356).Merges;
        var expected = RecountingTrainer(text, 100);
        Assert.Equal(expected, learned.Select(m => (m.Left, m.Right)).ToList());
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        string text = SampleTexts.TrainingText;
        Assert.Equal(BytePairTrainer.Train(text, 600).Merges, BytePairTrainer.Train(text, 600).Merges);
    }

    [Theory]
    [InlineData(SampleTexts.English)]
    [InlineData(SampleTexts.ChinesePoetry)]
    [InlineData(SampleTexts.Emoji)]
    [InlineData("unseen words: zebra quixotic 鬱 🦀")]
    public void RoundTripsAnyValidText(string text)
    {
        var tokenizer = BytePairTrainer.Train(SampleTexts.TrainingText, 500);
        int[] ids = tokenizer.Encode(text);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.True(ids.Length < Encoding.UTF8.GetByteCount(text) || text.StartsWith("unseen"), "merges shorten known text");
    }

    [Fact]
    public void LoneSurrogatesComeBackAsReplacementCharacters()
    {
        var tokenizer = BytePairTrainer.Train(SampleTexts.TrainingText, 300);
        Assert.Equal(SampleTexts.LoneSurrogatesReplaced, tokenizer.Decode(tokenizer.Encode(SampleTexts.LoneSurrogates)));
    }

    [Fact]
    public void MicrosoftTiktokenWithOurVocabularyGivesTheSameIds()
    {
        var tokenizer = BytePairTrainer.Train(SampleTexts.TrainingText, 600);
        var tiktoken = TiktokenExport.ToTiktoken(tokenizer);
        foreach (string text in SampleTexts.Valid.Append("unseen words: zebra quixotic 鬱 🦀"))
            Assert.Equal(tokenizer.Encode(text), tiktoken.EncodeToIds(text));
    }

    [Fact]
    public void EncodingReplaysTheTrainingMerges()
    {
        var tokenizer = BytePairTrainer.Train("low lower lowest low low", 262);
        int[] ids = tokenizer.Encode(" low");
        Assert.Single(ids);
        Assert.Equal(" low", tokenizer.Decode(ids));
    }

    /// <summary>The textbook algorithm: recount every adjacent pair before each merge.</summary>
    static List<(int, int)> RecountingTrainer(string text, int mergeCount)
    {
        var words = BytePairPreTokenizer.CountPieces(text)
            .Select(pair => (Symbols: Encoding.UTF8.GetBytes(pair.Key).Select(b => (int)b).ToList(), Count: pair.Value)).ToList();
        var merges = new List<(int, int)>();
        for (int next = 256; merges.Count < mergeCount; next++)
        {
            var counts = new Dictionary<(int, int), long>();
            foreach (var (symbols, count) in words)
                for (int i = 0; i + 1 < symbols.Count; i++)
                    counts[(symbols[i], symbols[i + 1])] = counts.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
            var best = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key.Item1).ThenBy(c => c.Key.Item2).First().Key;
            merges.Add(best);
            foreach (var (symbols, _) in words)
                for (int i = 0; i + 1 < symbols.Count; i++)
                    if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2) { symbols[i] = next; symbols.RemoveAt(i + 1); }
        }
        return merges;
    }
}
