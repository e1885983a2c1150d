using DslRunner.Data;
using DslRunner.Models;
using DslRunner.Tokenizers;
using static TorchSharp.torch;

namespace DslRunner.Geometry;

/// <summary>How the empirical dependency-length probe groups and judges its episodes.</summary>
/// <param name="BucketWidth">Width of a distance bucket, in tokens.</param>
/// <param name="Threshold">Accuracy a bucket must reach to count as recalled, in [0, 1].</param>
/// <param name="MaxEpisodes">Probe at most this many dependencies (the first ones in the text from <paramref name="FromCharacter"/>).</param>
/// <param name="Batch">Episodes per forward pass.</param>
/// <param name="FromCharacter">
/// Probe only dependencies whose kept word starts at or after this character offset: the held-out part of the text.
/// <see cref="SyntheticCorpus.Generate"/> with a larger size extends the same text, so the text past a training
/// budget is unseen text in the same invented language.
/// </param>
public sealed record DependencyProbeOptions(
    int BucketWidth = 16, double Threshold = 0.5, int MaxEpisodes = 256, int Batch = 32, int FromCharacter = 0);

/// <summary>
/// The empirical dependency length (seed 001): how far back a model can look, measured on the synthetic
/// corpus's planted "keep X. … recall X." dependencies.
/// </summary>
/// <remarks>
/// For each dependency the model reads the text before the recalled word, teacher-forced, and must predict
/// every token of the word; the episode counts as recalled when each of them is its top (argmax) prediction.
/// The text is encoded from a few characters before the kept word up to the recall, then the word on its own,
/// so a subword tokenizer splits the recalled word the way it splits a word at the start of a text; the last
/// <see cref="LanguageModel.Context"/> tokens are fed, so a dependency longer than the context cannot be
/// recalled. The distance is counted in tokens, from the first token of the kept word to the first token of
/// the recalled one.
/// </remarks>
public static class DependencyProbe
{
    /// <summary>Characters before the kept word included in the encoded text, so the "keep" cue is seen.</summary>
    const int CueCharacters = 16;

    public static DependencyCurve Measure(LanguageModel model, ITokenizer tokenizer, SyntheticText corpus, DependencyProbeOptions options)
    {
        if (options.BucketWidth < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BucketWidth, "bucket width must be at least 1");
        if (options.Threshold is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "threshold must lie in [0, 1]");
        var episodes = corpus.Dependencies.Where(d => d.Source >= options.FromCharacter).Take(options.MaxEpisodes)
            .Select(d => Episode.Build(corpus.Text, d, tokenizer, model.Context))
            .OfType<Episode>()
            .ToList();
        var outcomes = Evaluate(model, episodes, Math.Max(1, options.Batch));
        var buckets = outcomes
            .GroupBy(o => o.Distance / options.BucketWidth)
            .OrderBy(g => g.Key)
            .Select(g => new DistanceBucket(
                From: g.Key * options.BucketWidth,
                To: (g.Key + 1) * options.BucketWidth - 1,
                Episodes: g.Count(),
                Recalled: g.Count(o => o.CorrectTokens == o.WordTokens),
                WordTokens: g.Sum(o => o.WordTokens),
                CorrectTokens: g.Sum(o => o.CorrectTokens),
                LongestDistance: g.Max(o => o.Distance)))
            .ToList();
        return DependencyCurve.FromBuckets(buckets, options.Threshold);
    }

    static List<Outcome> Evaluate(LanguageModel model, List<Episode> episodes, int batch)
    {
        bool wasTraining = model.training;
        model.eval();
        using var noGrad = no_grad();
        var outcomes = new List<Outcome>(episodes.Count);
        // Episodes of equal length share a forward pass; ordering keeps the result independent of batch size.
        foreach (var sameLength in episodes.GroupBy(e => e.Input.Length).OrderBy(g => g.Key))
        {
            foreach (var chunk in sameLength.Chunk(batch))
            {
                using var scope = NewDisposeScope();
                int length = sameLength.Key;
                var inputs = tensor(chunk.SelectMany(e => e.Input.Select(t => (long)t)).ToArray(), [chunk.Length, length]);
                var predicted = model.call(inputs).argmax(-1).data<long>().ToArray(); // (B, T) flattened
                for (int b = 0; b < chunk.Length; b++)
                {
                    var episode = chunk[b];
                    int firstPrediction = length - episode.Word.Length;
                    int correct = 0;
                    for (int k = 0; k < episode.Word.Length; k++)
                        if (predicted[b * length + firstPrediction + k] == episode.Word[k]) correct++;
                    outcomes.Add(new Outcome(episode.Distance, episode.Word.Length, correct));
                }
            }
        }
        model.train(wasTraining);
        return outcomes;
    }

    readonly record struct Outcome(int Distance, int WordTokens, int CorrectTokens);

    /// <param name="Input">Tokens fed to the model: the context, then the word without its last token.</param>
    /// <param name="Word">The recalled word's tokens, predicted from the last <c>Word.Length</c> positions.</param>
    /// <param name="Distance">Tokens from the kept word to the recalled word.</param>
    sealed record Episode(int[] Input, int[] Word, int Distance)
    {
        public static Episode? Build(string text, PlantedDependency dependency, ITokenizer tokenizer, int context)
        {
            int start = Math.Max(0, dependency.Source - CueCharacters);
            int[] beforeSource = tokenizer.Encode(text[start..dependency.Source]);
            int[] prefix = tokenizer.Encode(text[start..dependency.Target]);
            int[] word = tokenizer.Encode(text.Substring(dependency.Target, dependency.Length));
            if (word.Length == 0 || word.Length > context) return null;
            int[] sequence = [.. prefix, .. word.AsSpan(0, word.Length - 1)];
            int[] input = sequence.Length > context ? sequence[^context..] : sequence;
            return new Episode(input, word, prefix.Length - beforeSource.Length);
        }
    }
}
