using DslRunner.Benchmarks.Decoding;

// dotnet run -c Release --project benchmarks -- <benchmark> [options]
return args.FirstOrDefault() switch
{
    "decoding" => KvCacheBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks -- <benchmark> [options]");
    Console.Error.WriteLine("  decoding [--threads N] [--repeats N]   greedy decoding with the key/value cache vs recomputing the prefix");
    return 2;
}
