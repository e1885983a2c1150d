using DslRunner.Benchmarks.Decoding;
using DslRunner.Benchmarks.Tokenizers;

// dotnet run -c Release --project benchmarks -- <benchmark> [options]
return args.FirstOrDefault() switch
{
    "tokenizers" => TokenizerBenchmark.Run(args[1..]),
    "decoding" => KvCacheBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks -- <benchmark> [options]");
    Console.Error.WriteLine("  tokenizers [--corpus brown|synthetic|chinese-poetry] [--megabytes N] [--vocab N]");
    Console.Error.WriteLine("             BPE and WordPiece training, and encoding throughput vs Microsoft.ML.Tokenizers");
    Console.Error.WriteLine("  decoding [--threads N] [--repeats N]   greedy decoding with the key/value cache vs recomputing the prefix");
    return 2;
}
