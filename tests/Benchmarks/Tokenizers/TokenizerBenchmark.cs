using System.Diagnostics;
using System.Globalization;
using System.Text;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Data.Corpora;
using DslRunner.Tokenizers;

namespace DslRunner.Benchmarks.Tokenizers;

/// <summary>
/// Trains BPE (and WordPiece) on N MB of corpus text, then encodes the same text with our BPE encoder and with
/// Microsoft.ML.Tokenizers' Tiktoken encoder loaded with our vocabulary (and with cl100k for reference).
/// </summary>
public static class TokenizerBenchmark
{
    public static int Run(string[] args)
    {
        string corpusName = Option(args, "--corpus") ?? "brown";
        int megabytes = int.Parse(Option(args, "--megabytes") ?? "10", CultureInfo.InvariantCulture);
        int vocab = int.Parse(Option(args, "--vocab") ?? "8192", CultureInfo.InvariantCulture);

        string text = CorpusText(corpusName, megabytes * 1_000_000);
        int bytes = Encoding.UTF8.GetByteCount(text);
        Print($"corpus: {corpusName}, {bytes / 1e6:F1} MB UTF-8 ({text.Length:N0} chars), {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        string warmup = text[..Math.Min(text.Length, 1_000_000)];
        WarmUp(warmup, vocab);

        var (pieces, countSeconds) = Time(() => BytePairPreTokenizer.CountPieces(text));
        Print($"pre-tokenizing and counting: {countSeconds:F2} s, {pieces.Count:N0} distinct pieces");
        var (bpe, bpeSeconds) = Time(() => BytePairTrainer.Train(text, vocab));
        Print($"BPE training to {bpe.VocabularySize:N0} tokens: {bpeSeconds:F2} s ({bytes / 1e6 / bpeSeconds:F2} MB/s)");

        string wordPieceSample = text[..Math.Min(text.Length, 2_000_000)];
        var (wordPiece, wordPieceSeconds) = Time(() => WordPieceTrainer.Train(wordPieceSample, vocab));
        Print($"WordPiece training to {wordPiece.VocabularySize:N0} tokens on the first {wordPieceSample.Length / 1e6:F1} M chars: {wordPieceSeconds:F2} s");

        // Fresh instances: the first pass fills each encoder's piece cache, the second pass reads it.
        var tiktoken = TiktokenExport.ToTiktoken(bpe);
        var cl100k = new Cl100kTokenizer();
        var (ours, oursSeconds) = Time(() => bpe.Encode(text));
        var (theirs, theirsSeconds) = Time(() => tiktoken.EncodeToIds(text).ToArray());
        var (cl100kIds, cl100kSeconds) = Time(() => cl100k.Encode(text));
        var (_, oursWarmSeconds) = Time(() => bpe.Encode(text));
        var (_, theirsWarmSeconds) = Time(() => tiktoken.EncodeToIds(text).ToArray());
        Print($"encode, ours (DslRunner BpeTokenizer): {Throughput(bytes, ours.Length, oursSeconds)}; warm cache {Throughput(bytes, ours.Length, oursWarmSeconds)}");
        Print($"encode, Microsoft.ML.Tokenizers Tiktoken with our vocabulary: {Throughput(bytes, theirs.Length, theirsSeconds)}; warm cache {Throughput(bytes, theirs.Length, theirsWarmSeconds)}");
        Print($"encode, Microsoft.ML.Tokenizers cl100k_base (reference): {Throughput(bytes, cl100kIds.Length, cl100kSeconds)}");
        Print($"ours / Microsoft.ML speed ratio: {theirsSeconds / oursSeconds:F2}x (first pass), {theirsWarmSeconds / oursWarmSeconds:F2}x (warm)");
        Print($"same ids: {ours.AsSpan().SequenceEqual(theirs)} ({ours.Length:N0} vs {theirs.Length:N0} tokens); round trip exact: {bpe.Decode(ours) == text}");
        return 0;
    }

    /// <summary>Runs every measured path once on a small text so that the timings below see optimized code.</summary>
    static void WarmUp(string text, int vocab)
    {
        var bpe = BytePairTrainer.Train(text, Math.Min(vocab, 1024));
        WordPieceTrainer.Train(text, Math.Min(vocab, 1024)).Encode(text);
        bpe.Encode(text);
        TiktokenExport.ToTiktoken(bpe).EncodeToIds(text);
        new Cl100kTokenizer().Encode(text);
    }

    static string CorpusText(string name, int characters)
    {
        ICorpus corpus = name switch
        {
            "synthetic" => new SyntheticCorpusSource(),
            "brown" or "chinese-poetry" => CorpusCatalog.Open(
                new DataConfig(name == "brown" ? CorpusKind.Brown : CorpusKind.ChinesePoetry, 1, 0, 0, null),
                DataOptions.Default with { Log = Console.Error.WriteLine }),
            _ => throw new ArgumentException($"unknown corpus '{name}' (brown, synthetic or chinese-poetry)"),
        };
        var text = new StringBuilder(corpus.ReadText(seed: 1, characters));
        for (int seed = 2; text.Length < characters; seed++)
            text.Append(DocumentCorpus.DocumentSeparator).Append(corpus.ReadText(seed, characters));
        return text.ToString(0, Math.Min(text.Length, characters));
    }

    static string Throughput(int bytes, int tokens, double seconds) => string.Create(CultureInfo.InvariantCulture,
        $"{seconds:F2} s, {bytes / 1e6 / seconds:F1} MB/s, {tokens / 1e6 / seconds:F2} M tokens/s ({tokens:N0} tokens)");

    static (T Result, double Seconds) Time<T>(Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        T result = action();
        return (result, watch.Elapsed.TotalSeconds);
    }

    static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
