using System.Diagnostics;
using System.Globalization;
using DslRunner.Benchmarks.Training;
using DslRunner.Cli;
using DslRunner.Runs;

namespace DslRunner.Benchmarks.Sweeps;

/// <summary>
/// <c>runs ls</c> over a runs root of N run folders (default 2,000): one real tiny-gpt run made by the
/// <c>dslrunner</c> executable, then copies of it under 10 experiment names with their own seeds, overrides and
/// results (each copy a manifest.json and config.json, as listing reads them). Times, medians over the rounds,
/// side by side: listing everything; a metric --where with --sort; a config-key --where (which flattens each
/// run's config); and the whole command as a process (start-up included). The page cache is warm after the
/// first round; the machine may be shared.
/// </summary>
public static class RunsListBenchmark
{
    public static int Run(string[] args)
    {
        int count = SweepJobsBenchmark.Option(args, "--runs", 2000);
        int rounds = SweepJobsBenchmark.Option(args, "--rounds", 5);
        string root = Path.Combine(Path.GetTempPath(), "dslrunner-bench-runs-ls-" + Guid.NewGuid().ToString("N"));
        try
        {
            string executable = SweepJobsBenchmark.DslRunnerExecutable();
            Make(executable, root, count);
            Console.WriteLine($"runs ls over {count:N0} run folders in {root}; {rounds} rounds; {Environment.ProcessorCount} cores; the machine may be shared");
            string[][] cases =
            [
                ["runs", "ls", "--runs", root],
                ["runs", "ls", "--where", "validation/loss<0.6", "--sort", "test/loss", "--runs", root],
                ["runs", "ls", "--where", "train.batch=8", "--runs", root],
            ];
            var times = cases.Select(_ => new List<double>()).ToList();
            var process = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < cases.Length; i++)
                {
                    var clock = Stopwatch.StartNew();
                    int exit = DslRunnerCli.Run(cases[i], [], TextWriter.Null, TextWriter.Null);
                    times[i].Add(clock.Elapsed.TotalMilliseconds);
                    if (exit != 0) throw new InvalidOperationException($"runs ls failed: {string.Join(' ', cases[i])}");
                }
                process.Add(Timed(executable, cases[0]));
            }
            Console.WriteLine();
            Console.WriteLine($"{"case",-56}  median ms  per run ms");
            for (int i = 0; i < cases.Length; i++)
                Print(string.Join(' ', cases[i][2..^2]) is { Length: > 0 } extra ? "runs ls " + extra : "runs ls", TrainingBenchmark.Median(times[i]), count);
            Print("runs ls (dslrunner process, start-up included)", TrainingBenchmark.Median(process), count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"config-key --where / plain listing: {TrainingBenchmark.Median(times[2]) / TrainingBenchmark.Median(times[0]):F2}"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    static void Print(string name, double milliseconds, int count) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-56}  {milliseconds,9:F0}  {milliseconds / count,10:F3}"));

    static void Make(string executable, string root, int count)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "run", "tiny-gpt", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", root })
            start.ArgumentList.Add(argument);
        using (var run = Process.Start(start)!)
        {
            var error = run.StandardError.ReadToEndAsync();
            string output = run.StandardOutput.ReadToEnd();
            run.WaitForExit();
            if (run.ExitCode != 0) throw new InvalidOperationException($"the template run failed: {output}{error.Result}");
        }
        string real = Directory.GetDirectories(Path.Combine(root, "tiny-gpt")).Single();
        var template = RunManifest.Read(real);
        Directory.Delete(Path.Combine(root, "tiny-gpt"), recursive: true);
        var random = new Random(11);
        for (int i = 0; i < count; i++)
        {
            string experiment = $"bench-{i % 10}";
            int seed = i / 10;
            var config = template.Config with { Name = experiment, Seed = seed, Train = template.Config.Train with { Batch = 4 << (i % 3) } };
            string id = string.Create(CultureInfo.InvariantCulture, $"20260101-{i / 3600 % 24:00}{i / 60 % 60:00}{i % 60:00}");
            string folder = Path.Combine(root, experiment, id);
            Directory.CreateDirectory(folder);
            var results = template.Results.ToDictionary(r => r.Key, r => r.Value * (0.5 + random.NextDouble()));
            (template with
            {
                Experiment = experiment, RunId = id, Seed = seed, Config = config, ConfigHash = RunManifest.HashConfig(config),
                Results = results, Overrides = [string.Create(CultureInfo.InvariantCulture, $"seed={seed}")],
            }).Write(folder);
            File.WriteAllText(Path.Combine(folder, "config.json"), Config.ConfigJson.Serialize(config));
        }
    }

    static double Timed(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"runs ls failed: {error.Result}");
        return clock.Elapsed.TotalMilliseconds;
    }
}
