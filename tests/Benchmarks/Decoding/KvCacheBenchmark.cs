using System.Diagnostics;
using System.Globalization;
using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Models;
using DslRunner.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Benchmarks.Decoding;

/// <summary>
/// Decoding on the reference model (d 256, 4 layers, 4 heads, V 512, context 128), every figure a ratio of two
/// measurements taken side by side in this run, alternating, median of the rounds:
/// <list type="bullet">
/// <item>256 greedy tokens after a 16-token prompt, cached vs recomputing the window at every step, for learned
/// positions (past the context their cache cannot be reused) and rotary ones (the cache rolls);</item>
/// <item>a batch of 64 sequences, total tokens/s (the greedy decoder's batched decode), vs the rate the model's matrix
/// products with 64 rows alone allow (target ≥ 0.6 of it), and vs a single sequence;</item>
/// <item>one batch-1 decode step vs the model's own matrix-vector products alone (every weight matrix times one
/// vector), the memory-bound limit of that step, and vs the same step run module by module instead of as one
/// TorchScript call.</item>
/// </list>
/// Wall time and this process's CPU time are both reported: on a shared machine the wall time also measures the
/// other processes.
/// </summary>
public static class KvCacheBenchmark
{
    const int PromptLength = 16, Generated = 256, Vocabulary = 512, Context = 128, Batch = 64, BatchGenerated = 64;

    static readonly string[] Parts = ["learned", "rope", "batch", "step"];

    /// <param name="args">[--threads N] (default: all cores) [--repeats N] (default 5; medians are reported)
    /// [--only learned,rope,batch,step] (default: all: cache vs recompute with learned / rotary positions, batch 64 vs 1,
    /// step vs its matrix-vector products).</param>
    public static int Run(string[] args)
    {
        int threads = Option(args, "--threads") ?? Environment.ProcessorCount;
        int repeats = Option(args, "--repeats") ?? 5;
        int only = Array.IndexOf(args, "--only");
        string[] parts = only >= 0 && only + 1 < args.Length ? args[only + 1].Split(',') : Parts;
        if (parts.Except(Parts).FirstOrDefault() is { } unknown)
        {
            Console.Error.WriteLine($"--only takes {string.Join(", ", Parts)}, not '{unknown}'");
            return 2;
        }
        TorchRuntime.Configure(threads, seed: 1);
        using var inference = inference_mode(); // as the decoders run
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"decoding; GPT d 256, 4 layers, 4 heads, V {Vocabulary}, context {Context}; {get_num_threads()} threads; median of {repeats} alternating rounds; shared machine: wall times include other processes' load"));
        var random = new Random(7);
        long[] prompt = [.. Enumerable.Range(0, PromptLength).Select(_ => (long)random.Next(Vocabulary))];
        foreach (var positions in new[] { PositionEncoding.Learned, PositionEncoding.Rope })
        {
            if (!parts.Contains(positions == PositionEncoding.Learned ? "learned" : "rope")) continue;
            using var model = Model(positions);
            CachedVersusRecomputed(model, prompt, repeats);
        }
        using (var rope = Model(PositionEncoding.Rope))
        {
            if (parts.Contains("batch")) BatchedVersusSingle(rope, random, repeats);
            if (parts.Contains("step")) StepVersusMatrixVector(rope, prompt, repeats);
        }
        return 0;
    }

    static GptModel Model(PositionEncoding positions)
    {
        TorchRuntime.Configure(get_num_threads(), seed: 1);
        var model = new GptModel(new TransformerConfig(Layers: 4, DModel: 256, Heads: 4, Context: Context, Head: OutputHead.Tied, Dropout: 0, CosineScale: null, positions), Vocabulary);
        model.eval();
        return model;
    }

    static int? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }

    static void CachedVersusRecomputed(GptModel model, long[] prompt, int repeats)
    {
        Decode(model.StartDecoding(), prompt, 8); // warm-up
        Decode(new RecomputingDecodingState(model), prompt, 8);
        var (cached, recomputed) = Alternate(repeats,
            () => Decode(model.StartDecoding(), prompt, Generated),
            () => Decode(new RecomputingDecodingState(model), prompt, Generated));
        int agreeing = cached.Tokens.Zip(recomputed.Tokens).TakeWhile(p => p.First == p.Second).Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Generated} tokens after {PromptLength}, {model.Positions,-7} positions: cache {cached.Wall.TotalMilliseconds,6:F0} ms wall, {cached.Cpu.TotalMilliseconds,6:F0} ms CPU " +
            $"({Generated / cached.Wall.TotalSeconds,5:F0} tokens/s); recompute {recomputed.Wall.TotalMilliseconds,6:F0} ms wall, {recomputed.Cpu.TotalMilliseconds,6:F0} ms CPU; " +
            $"cache faster by {recomputed.Wall / cached.Wall:F1}× wall, {recomputed.Cpu / cached.Cpu:F1}× CPU (target ≥ 5 with rope); " +
            $"first {agreeing} tokens agree"));
    }

    static void BatchedVersusSingle(GptModel model, Random random, int repeats)
    {
        var prompts = Enumerable.Range(0, Batch)
            .Select(_ => (IReadOnlyList<int>)[.. Enumerable.Range(0, 8 + random.Next(PromptLength)).Select(_ => random.Next(Vocabulary))]).ToArray();
        var decoder = new GreedyDecoder(BatchGenerated);
        decoder.DecodeBatch(model, prompts[..2]); // warm-up
        var (batch, single) = Alternate(repeats, () => Time(() => decoder.DecodeBatch(model, prompts)), () => Time(() => decoder.DecodeBatch(model, prompts[..1])));
        double batchRate = Batch * BatchGenerated / batch.Wall.TotalSeconds, singleRate = BatchGenerated / single.Wall.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"greedy decoder, {BatchGenerated} tokens per prompt: batch of {Batch} prompts (8–23 tokens, left-padded) {batchRate,7:F0} tokens/s, single {singleRate,5:F0} tokens/s: " +
            $"{batchRate / singleRate:F1}× wall, {Batch * single.Cpu / batch.Cpu:F1}× CPU"));

        // The ceiling: a batch step cannot be faster than the model's matrix products with 64 rows alone (every weight
        // matrix times 64 input rows; the attention's few FLOPs left out, so the ceiling is generous to the decoder).
        var matrices = Matrices(model);
        using var rows = new TensorSet([.. matrices.Select(m => randn(1, m.shape[1]))]);
        using var batchRows = new TensorSet([.. matrices.Select(m => randn(Batch, m.shape[1]))]);
        var (one, many) = Alternate(repeats, () => Products(matrices, rows.Tensors, 64), () => Products(matrices, batchRows.Tensors, 64));
        double ceilingRate = Batch / (many.Wall.TotalSeconds / 64), flopsPerBatchStep = 2.0 * matrices.Sum(m => m.numel()) * Batch;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the model's matrix products alone: 1 row {one.Wall.TotalMicroseconds / 64,6:F0} µs, {Batch} rows {many.Wall.TotalMicroseconds / 64,6:F0} µs per step " +
            $"({flopsPerBatchStep / (many.Wall.TotalSeconds / 64) / 1e9:F0} GFLOP/s): they allow {ceilingRate:F0} tokens/s at batch {Batch}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  batch {Batch} decodes at {batchRate / ceilingRate:F2} of the rate its matrix products alone allow (target ≥ 0.6)"));

        // Where the batch's time goes: the prompts' prefill (one token generated) against the steps after it.
        var first = new GreedyDecoder(1);
        var (prefill, whole) = Alternate(repeats, () => Time(() => first.DecodeBatch(model, prompts)), () => Time(() => decoder.DecodeBatch(model, prompts)));
        double stepMs = (whole.Wall - prefill.Wall).TotalMilliseconds / (BatchGenerated - 1), productsMs = many.Wall.TotalMilliseconds / 64;
        // The model's own batch-64 step with an argmax (16-token prompts, no padding), without the decoder around it.
        long[][] equal = [.. Enumerable.Range(0, Batch).Select(_ => (long[])[.. Enumerable.Range(0, PromptLength).Select(_ => (long)random.Next(Vocabulary))])];
        const int ModelSteps = 32;
        var modelStep = Median([.. Enumerable.Range(0, repeats).Select(_ => StepTime(model, equal, ModelSteps))]);
        double modelMs = modelStep.Wall.TotalMilliseconds / ModelSteps;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  split: prefill and first token {prefill.Wall.TotalMilliseconds:F1} ms ({prefill.Wall / whole.Wall:P0} of the batch's time); each later step {stepMs:F2} ms: " +
            $"matrix products {productsMs:F2} ms ({productsMs / stepMs:P0}), the rest of the model's step (attention over the cache, norms, activations, argmax) " +
            $"{modelMs - productsMs:F2} ms ({(modelMs - productsMs) / stepMs:P0}), the decoder's own per-step work and padding {stepMs - modelMs:F2} ms ({(stepMs - modelMs) / stepMs:P0})"));
    }

    /// <summary>Every weight matrix of the model, the tied head's token vectors included (V × d).</summary>
    static Tensor[] Matrices(GptModel model) => [.. model.modules().OfType<Linear>().Select(l => l.weight!).Append(model.TokenVectors)];

    /// <summary><paramref name="steps"/> passes of every matrix times its input rows (1 × in or B × in).</summary>
    static Timing Products(Tensor[] matrices, Tensor[] inputs, int steps) => Time(() =>
    {
        for (int i = 0; i < steps; i++)
            for (int m = 0; m < matrices.Length; m++) nn.functional.linear(inputs[m], matrices[m]).Dispose();
        return [];
    });

    static void StepVersusMatrixVector(GptModel model, long[] prompt, int repeats)
    {
        var matrices = Matrices(model);
        using var vectors = new TensorSet([.. matrices.Select(m => randn(m.shape[1]))]);
        const int Steps = 64;
        var timings = Alternate(repeats,
            () => StepTime(model, prompt, Steps),
            () => Time(() =>
            {
                for (int i = 0; i < Steps; i++)
                    for (int m = 0; m < matrices.Length; m++) mv(matrices[m], vectors.Tensors[m]).Dispose();
                return [];
            }),
            () => ModuleByModule(model, () => StepTime(model, prompt, Steps)));
        var (step, products, unfused) = (timings[0], timings[1], timings[2]);
        long weights = matrices.Sum(m => m.numel());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch-1 step (cached, greedy) {step.Wall.TotalMicroseconds / Steps,6:F0} µs wall vs the model's {matrices.Length} matrix-vector products alone ({weights:N0} weights) " +
            $"{products.Wall.TotalMicroseconds / Steps,6:F0} µs: {step.Wall / products.Wall:F2}× wall, {step.Cpu / products.Cpu:F2}× CPU (target ≤ 2)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the same step module by module (a libtorch call per operation) {unfused.Wall.TotalMicroseconds / Steps,6:F0} µs: {unfused.Wall / products.Wall:F2}× wall, " +
            $"{unfused.Cpu / products.Cpu:F2}× CPU; one TorchScript call is faster by {unfused.Wall / step.Wall:F2}× wall, {unfused.Cpu / step.Cpu:F2}× CPU"));
    }

    /// <summary>Runs <paramref name="run"/> with the model's one-token steps going module by module instead of fused.</summary>
    static Timing ModuleByModule(GptModel model, Func<Timing> run)
    {
        model.FusedSteps = false;
        try { return run(); }
        finally { model.FusedSteps = true; }
    }

    sealed class TensorSet(Tensor[] tensors) : IDisposable
    {
        public Tensor[] Tensors { get; } = tensors;
        public void Dispose() { foreach (var t in Tensors) t.Dispose(); }
    }

    sealed record Timing(long[] Tokens, TimeSpan Wall, TimeSpan Cpu);

    /// <summary>Runs a and b alternately <paramref name="repeats"/> times; the median wall and CPU time of each.</summary>
    static (Timing A, Timing B) Alternate(int repeats, Func<Timing> a, Func<Timing> b)
    {
        var timings = Alternate(repeats, [a, b]);
        return (timings[0], timings[1]);
    }

    /// <summary>Runs each of <paramref name="runs"/> in turn, <paramref name="repeats"/> rounds; the median wall and CPU time of each.</summary>
    static Timing[] Alternate(int repeats, params Func<Timing>[] runs)
    {
        var timings = runs.Select(_ => new List<Timing>()).ToArray();
        for (int round = 0; round < repeats; round++)
            for (int i = 0; i < runs.Length; i++) timings[i].Add(runs[i]());
        return [.. timings.Select(Median)];
    }

    static Timing Median(List<Timing> runs) =>
        new(runs[0].Tokens, runs.Select(r => r.Wall).Order().ElementAt(runs.Count / 2), runs.Select(r => r.Cpu).Order().ElementAt(runs.Count / 2));

    static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    static Timing Time(Func<IReadOnlyList<Decoded>> run)
    {
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        var decoded = run();
        return new Timing(decoded.Count > 0 ? [.. decoded[0].Tokens.Select(t => (long)t)] : [], clock.Elapsed, ProcessCpu() - cpu);
    }

    /// <summary>The time of <paramref name="steps"/> cached greedy steps after the prompt (prompt excluded).</summary>
    static Timing StepTime(GptModel model, long[] prompt, int steps) => StepTime(model, [prompt], steps);

    static Timing StepTime(GptModel model, long[][] prompts, int steps)
    {
        using var state = model.StartDecoding();
        var input = state.Start(prompts).argmax(-1).unsqueeze(1);
        var cpu = ProcessCpu();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var next = state.Append(input).argmax(-1).unsqueeze(1).DetachFromDisposeScope();
            input.Dispose();
            input = next;
        }
        var elapsed = clock.Elapsed;
        var used = ProcessCpu() - cpu;
        input.Dispose();
        return new Timing([], elapsed, used);
    }

    static Timing Decode(DecodingState state, long[] prompt, int count)
    {
        using var owned = state;
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
