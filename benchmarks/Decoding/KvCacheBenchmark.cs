using System.Diagnostics;
using System.Globalization;
using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Benchmarks.Decoding;

/// <summary>
/// Greedy decoding of 256 tokens after a 16-token prompt on the reference model (d 256, 4 layers, 4 heads, V 512),
/// with the key/value cache and by recomputing the whole prefix at each step, side by side in one run. The
/// decode needs 272 positions, so the headline runs with a context of 512; a second line shows the reference
/// context of 128, where both fall back to recomputing a sliding window once the text outgrows it.
/// </summary>
public static class KvCacheBenchmark
{
    const int PromptLength = 16, Generated = 256, Vocabulary = 512;

    /// <param name="args">[--threads N] (default: all cores) [--repeats N] (default 3; the median is reported).</param>
    public static int Run(string[] args)
    {
        int threads = Option(args, "--threads") ?? Environment.ProcessorCount;
        int repeats = Option(args, "--repeats") ?? 3;
        TorchRuntime.Configure(threads, seed: 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"greedy decoding of {Generated} tokens after a {PromptLength}-token prompt; GPT d 256, 4 layers, 4 heads, V {Vocabulary}; {get_num_threads()} threads; median of {repeats}"));
        foreach (int context in new[] { 512, 128 })
            Compare(context, repeats);
        return 0;
    }

    static int? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }

    static void Compare(int context, int repeats)
    {
        using var model = new GptModel(new TransformerConfig(Layers: 4, DModel: 256, Heads: 4, Context: context, Head: OutputHead.Tied, Dropout: 0, CosineScale: null), Vocabulary);
        model.eval();
        var random = new Random(7);
        long[] prompt = [.. Enumerable.Range(0, PromptLength).Select(_ => (long)random.Next(Vocabulary))];

        Decode(model.StartDecoding(), prompt, 8); // warm-up
        Decode(new RecomputingDecodingState(model), prompt, 8);
        var (cachedTokens, cached) = Median(repeats, () => Decode(model.StartDecoding(), prompt, Generated));
        var (recomputedTokens, recomputed) = Median(repeats, () => Decode(new RecomputingDecodingState(model), prompt, Generated));
        if (!cachedTokens.SequenceEqual(recomputedTokens))
            throw new InvalidOperationException("the cached and the recomputed decodes disagree");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"context {context,3}: KV cache {cached.TotalMilliseconds,7:F0} ms ({Generated / cached.TotalSeconds,6:F0} tokens/s), " +
            $"recompute {recomputed.TotalMilliseconds,7:F0} ms ({Generated / recomputed.TotalSeconds,6:F0} tokens/s), " +
            $"cache is {recomputed / cached:F1}× faster"));
    }

    static (long[] Tokens, TimeSpan Elapsed) Median(int repeats, Func<(long[], TimeSpan)> decode)
    {
        var runs = Enumerable.Range(0, repeats).Select(_ => decode()).OrderBy(run => run.Item2).ToArray();
        return runs[repeats / 2];
    }

    static (long[] Tokens, TimeSpan Elapsed) Decode(DecodingState state, long[] prompt, int count)
    {
        using var owned = state;
        using var noGrad = no_grad();
        var tokens = new long[count];
        long[] input = prompt;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            tokens[i] = state.Append(tensor(input, [1, input.Length]))[0].argmax().item<long>();
            input = [tokens[i]];
        }
        return (tokens, clock.Elapsed);
    }
}
