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
/// Wall time and this process's CPU time are both reported: on a shared machine the wall time also measures the
/// other processes, and the CPU time of a one-thread run is the steadier figure.
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
        var cached = Median(repeats, () => Decode(model.StartDecoding(), prompt, Generated));
        var recomputed = Median(repeats, () => Decode(new RecomputingDecodingState(model), prompt, Generated));
        if (!cached.Tokens.SequenceEqual(recomputed.Tokens))
            throw new InvalidOperationException("the cached and the recomputed decodes disagree");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"context {context,3}: KV cache {cached.Wall.TotalMilliseconds,6:F0} ms wall, {cached.Cpu.TotalMilliseconds,6:F0} ms CPU " +
            $"({Generated / cached.Wall.TotalSeconds,5:F0} tokens/s); recompute {recomputed.Wall.TotalMilliseconds,6:F0} ms wall, " +
            $"{recomputed.Cpu.TotalMilliseconds,6:F0} ms CPU ({Generated / recomputed.Wall.TotalSeconds,5:F0} tokens/s); " +
            $"cache faster by {recomputed.Wall / cached.Wall:F1}× wall, {recomputed.Cpu / cached.Cpu:F1}× CPU"));
    }

    sealed record Timing(long[] Tokens, TimeSpan Wall, TimeSpan Cpu);

    static Timing Median(int repeats, Func<Timing> decode)
    {
        var runs = Enumerable.Range(0, repeats).Select(_ => decode()).ToArray();
        var wall = runs.Select(r => r.Wall).Order().ElementAt(repeats / 2);
        var cpu = runs.Select(r => r.Cpu).Order().ElementAt(repeats / 2);
        return new Timing(runs[0].Tokens, wall, cpu);
    }

    static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    static Timing Decode(DecodingState state, long[] prompt, int count)
    {
        using var owned = state;
        using var noGrad = no_grad();
        var tokens = new long[count];
        long[] input = prompt;
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            using var scope = NewDisposeScope();
            tokens[i] = state.Append(tensor(input, [1, input.Length]))[0].argmax().item<long>();
            input = [tokens[i]];
        }
        return new Timing(tokens, clock.Elapsed, ProcessCpu() - cpu);
    }
}
