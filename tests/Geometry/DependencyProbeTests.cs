using System.Text;
using DslRunner.Data;
using DslRunner.Geometry;
using DslRunner.Native;
using DslRunner.Tokenizers;

namespace DslRunner.Tests.Geometry;

public class DependencyProbeTests
{
    static readonly string[] Words = ["abc", "bca", "cab", "acb", "bac", "cba", "abc"];

    public DependencyProbeTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void CurveFollowsTheModelsReachAndStopsAtTheFirstBucketBelowThreshold()
    {
        var (corpus, tokenizer) = Episodes(5, 9, 12, 20, 25, 33, 40);
        var model = Copier(tokenizer, context: 128, reach: 20);

        var curve = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 10, Threshold: 0.5));

        // Distances ≤ 20 are copied, longer ones are not: buckets 0–9 {5, 9}, 10–19 {12}, 20–29 {20, 25}, 30–39 {33}, 40–49 {40}.
        Assert.Equal(
            [
                new DistanceBucket(0, 9, Episodes: 2, Recalled: 2, WordTokens: 6, CorrectTokens: 6, LongestDistance: 9),
                new DistanceBucket(10, 19, 1, 1, 3, 3, 12),
                new DistanceBucket(20, 29, 2, 1, 6, 3, 25),
                new DistanceBucket(30, 39, 1, 0, 3, 0, 33),
                new DistanceBucket(40, 49, 1, 0, 3, 0, 40),
            ],
            curve.Buckets);
        Assert.Equal(0.5, curve.Buckets[2].Accuracy);
        Assert.Equal(25, curve.LongestDistance);
    }

    [Fact]
    public void AStricterThresholdEndsTheRunAtTheLastBucketThatMeetsIt()
    {
        var (corpus, tokenizer) = Episodes(5, 9, 12, 20, 25, 33, 40);
        var model = Copier(tokenizer, context: 128, reach: 20);

        var curve = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 10, Threshold: 0.75));

        Assert.Equal(12, curve.LongestDistance);
    }

    [Fact]
    public void NothingIsRecalledWhenTheShortestBucketFails()
    {
        var (corpus, tokenizer) = Episodes(5, 9, 12);
        var model = Copier(tokenizer, context: 128, reach: 2);

        var curve = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 10, Threshold: 0.5));

        Assert.Null(curve.LongestDistance);
        Assert.All(curve.Buckets, b => Assert.Equal(0, b.Recalled));
    }

    [Fact]
    public void ADependencyBeyondTheContextWindowCannotBeRecalled()
    {
        // Unlimited reach, 16-token window: the keep marker sits d + 1 tokens before the recall marker, and the
        // window ends two tokens after it (three-token words), so only d ≤ 13 keeps the marker in view.
        var (corpus, tokenizer) = Episodes(5, 9, 12, 13, 14, 20, 33);
        var model = Copier(tokenizer, context: 16, reach: int.MaxValue);

        var curve = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 1, Threshold: 1));

        Assert.Equal([5, 9, 12, 13, 14, 20, 33], curve.Buckets.Select(b => b.From));
        Assert.Equal([1.0, 1, 1, 1, 0, 0, 0], curve.Buckets.Select(b => b.Accuracy));
        Assert.Equal(13, curve.LongestDistance);
    }

    [Fact]
    public void TheBatchSizeDoesNotChangeTheCurve()
    {
        var (corpus, tokenizer) = Episodes(5, 9, 12, 20, 25, 33, 40);
        var model = Copier(tokenizer, context: 24, reach: 30);

        var one = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 8, Batch: 1));
        var many = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 8, Batch: 32));

        Assert.Equal(one.Buckets, many.Buckets);
        Assert.Equal(one.LongestDistance, many.LongestDistance);
    }

    [Fact]
    public void ProbesAtMostTheDeclaredNumberOfEpisodesOfTheSyntheticCorpus()
    {
        var corpus = SyntheticCorpus.Generate(seed: 5, minimumCharacters: 4000);
        var tokenizer = CharTokenizer.Train(corpus.Text);
        var model = new ConstantLogitsModel(tokenizer.VocabularySize, context: 64, logit: 0);

        var curve = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(MaxEpisodes: 10));

        Assert.True(corpus.Dependencies.Count > 10);
        Assert.Equal(10, curve.Buckets.Sum(b => b.Episodes));
        // With one character per token, the token distance is the planted character distance.
        Assert.Equal(corpus.Dependencies.Take(10).Max(d => d.Distance), curve.Buckets[^1].LongestDistance);
    }

    [Fact]
    public void AModelThatKnowsTheTextRecallsEveryPlantedWord()
    {
        var corpus = SyntheticCorpus.Generate(seed: 8, minimumCharacters: 6000);
        var tokenizer = CharTokenizer.Train(corpus.Text);
        var model = new OracleModel(tokenizer.Encode(corpus.Text), tokenizer.VocabularySize, context: 48);

        var curve = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 64, Threshold: 1));

        Assert.Equal(corpus.Dependencies.Count, curve.Buckets.Sum(b => b.Episodes));
        Assert.All(curve.Buckets, b => Assert.Equal(b.Episodes, b.Recalled));
        Assert.Equal(corpus.Dependencies.Max(d => d.Distance), curve.LongestDistance);
    }

    [Fact]
    public void ProbesOnlyTheDependenciesFromTheDeclaredCharacterOn()
    {
        var (corpus, tokenizer) = Episodes(5, 9, 12, 20, 25, 33, 40);
        var model = Copier(tokenizer, context: 128, reach: 100);
        int from = corpus.Dependencies[4].Source;

        var curve = DependencyProbe.Measure(model, tokenizer, corpus, new DependencyProbeOptions(BucketWidth: 1, FromCharacter: from));

        Assert.Equal([25, 33, 40], curve.Buckets.Select(b => b.From));
    }

    static CopyingModel Copier(CharTokenizer tokenizer, int context, int reach) =>
        new(tokenizer.VocabularySize, context, tokenizer.Encode("K")[0], tokenizer.Encode("R")[0], reach);

    /// <summary>"K word …filler… R word " per distance d, the recalled word starting d characters after the kept one.</summary>
    static (SyntheticText Corpus, CharTokenizer Tokenizer) Episodes(params int[] distances)
    {
        var text = new StringBuilder("....");
        var dependencies = new List<PlantedDependency>();
        for (int i = 0; i < distances.Length; i++)
        {
            string word = Words[i % Words.Length];
            text.Append('K');
            int source = text.Length;
            text.Append(word).Append('.', distances[i] - word.Length - 1).Append('R');
            int target = text.Length;
            text.Append(word).Append(' ');
            dependencies.Add(new PlantedDependency(source, target, word.Length, target - source));
        }
        return (new SyntheticText(text.ToString(), dependencies), CharTokenizer.Train(text.ToString()));
    }
}
