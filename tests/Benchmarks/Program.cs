using DslRunner.Benchmarks.Decoding;
using DslRunner.Benchmarks.Review;
using DslRunner.Benchmarks.Sweeps;
using DslRunner.Benchmarks.Tokenizers;
using DslRunner.Benchmarks.Training;

// dotnet run -c Release --project tests/Benchmarks -- <benchmark> [options]
return args.FirstOrDefault() switch
{
    "tokenizers" => TokenizerBenchmark.Run(args[1..]),
    "decoding" => KvCacheBenchmark.Run(args[1..]),
    "training" => TrainingBenchmark.Run(args[1..]),
    "review" => ReviewBenchmark.Run(args[1..]),
    "portable-cost" => PortableCostBenchmark.Run(args[1..]),
    "portable-cost-child" => PortableCostBenchmark.Child(args[1..]),
    "contention" => ContentionBenchmark.Run(args[1..]),
    "sparse-layers" => SparseLayerBenchmark.Run(args[1..]),
    "contention-child" => ContentionBenchmark.Child(args[1..]),
    "sweep-jobs" => SweepJobsBenchmark.Run(args[1..]),
    "runs-ls" => RunsListBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Benchmarks -- <benchmark> [options]");
    Console.Error.WriteLine("  tokenizers [--corpus brown|synthetic|chinese-poetry] [--megabytes N] [--vocab N]");
    Console.Error.WriteLine("             BPE and WordPiece training, and encoding throughput vs Microsoft.ML.Tokenizers");
    Console.Error.WriteLine("  decoding [--threads N] [--repeats N] [--only learned,rope,batch,step]   cache vs recompute past the context, batch 64 vs its matrix products alone (target ≥ 0.6) and vs 1, batch-1 step vs its matrix-vector products (target ≤ 2)");
    Console.Error.WriteLine("  training [--steps N] [--rounds N] [--memory-steps N]   throughput vs sgemm peak, generated vs hand-written step, step split, memory");
    Console.Error.WriteLine("  review [--base REV] [--head REV] [--rounds N]   review of this repository's experiments between two commits");
    Console.Error.WriteLine("  portable-cost [--rounds N] [--steps N]   reference-model step time, portable vs default numerics (child processes)");
    Console.Error.WriteLine("  contention [--rounds N] [--steps N] [--only training|quickstart]   reference training beside 0, 1, 2 busy processes, passive vs spinning wait; quickstart wall time quiet vs busy");
    Console.Error.WriteLine("  sparse-layers [--rounds N] [--tokens N]   sparse vs dense feed-forward products at d 64 to 2,048 and 50/80/90 % zeros, one thread");
    Console.Error.WriteLine("  sweep-jobs [--rounds N] [--steps N] [--points N]   a small sweep's wall time at --jobs 1 vs --jobs 2, per-point overhead");
    Console.Error.WriteLine("  runs-ls [--runs N] [--rounds N]   runs ls over N run folders (default 2,000): plain, filtered and sorted, as a process");
    return 2;
}
