using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DslRunner.Native;

namespace DslRunner.Benchmarks.Training;

/// <summary>
/// The reference training (2 threads) beside 0, 1 and 2 busy processes, each in a child process of this benchmark,
/// with OpenMP's passive wait (DslRunner's default) and with libgomp's spinning default (OMP_WAIT_POLICY=ACTIVE),
/// alternating round by round; tokens/s as medians over rounds and against the fair share: the quiet rate ×
/// cores ÷ (cores + busy processes), capped at the quiet rate. Then the quickstart's wall time (`run quickstart
/// --set train.steps=60`, a whole process) quiet and beside one busy process.
/// </summary>
public static class ContentionBenchmark
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    const string Marker = "tokens/s ";

    public static int Run(string[] args)
    {
        int rounds = TrainingBenchmark.IntOption(args, "--rounds", 3);
        int steps = TrainingBenchmark.IntOption(args, "--steps", 15);
        int cores = Environment.ProcessorCount;
        string only = args.Contains("--only") ? args[Array.IndexOf(args, "--only") + 1] : "training,quickstart";
        string[] policies = ["PASSIVE", "ACTIVE"];
        var rates = new Dictionary<(string Policy, int Busy), List<double>>();
        if (only.Contains("training", StringComparison.Ordinal)) Training(rounds, steps, cores, policies, rates);
        if (only.Contains("quickstart", StringComparison.Ordinal)) Quickstart(rounds);
        return 0;
    }

    static void Training(int rounds, int steps, int cores, string[] policies, Dictionary<(string Policy, int Busy), List<double>> rates)
    {
        Console.WriteLine($"reference model (2 threads), {steps} timed steps per process, {rounds} rounds, {cores} cores, load before {Load()}");
        for (int round = 0; round < rounds; round++)
            foreach (int busy in new[] { 0, 1, 2 })
                foreach (string policy in policies)
                {
                    double rate = WithBusy(busy, () => TokensPerSecond(policy, steps));
                    (rates.TryGetValue((policy, busy), out var list) ? list : rates[(policy, busy)] = []).Add(rate);
                    Console.WriteLine(string.Create(Invariant, $"  round {round + 1}  busy {busy}  {policy,-8} {rate,10:N0} tokens/s"));
                }
        Console.WriteLine("medians:");
        Console.WriteLine("  busy  policy    tokens/s   fair share   of fair share");
        foreach (string policy in policies)
        {
            double quiet = TrainingBenchmark.Median(rates[(policy, 0)]);
            foreach (int busy in new[] { 0, 1, 2 })
            {
                double rate = TrainingBenchmark.Median(rates[(policy, busy)]);
                double fair = Math.Min(quiet, quiet * cores / (double)(cores + busy));
                Console.WriteLine(string.Create(Invariant, $"  {busy,4}  {policy,-8} {rate,10:N0}   {fair,10:N0}   {rate / fair,6:F2}"));
            }
        }
        foreach (int busy in new[] { 1, 2 })
            Console.WriteLine(string.Create(Invariant,
                $"beside {busy} busy: passive / active tokens/s = {TrainingBenchmark.Median(rates[("PASSIVE", busy)]) / TrainingBenchmark.Median(rates[("ACTIVE", busy)]):F2}x"));
    }

    /// <summary>The quickstart's whole-process wall time (DslRunner's default: the passive wait) quiet and beside one busy process, alternating.</summary>
    static void Quickstart(int rounds)
    {
        var wall = new Dictionary<int, List<double>> { [0] = [], [1] = [] };
        for (int round = 0; round < rounds; round++)
            foreach (int busy in new[] { 0, 1 })
            {
                double seconds = WithBusy(busy, QuickstartSeconds);
                wall[busy].Add(seconds);
                Console.WriteLine(string.Create(Invariant, $"  round {round + 1}  quickstart (60 steps) beside {busy} busy: {seconds:F1} s"));
            }
        double quietWall = TrainingBenchmark.Median(wall[0]), busyWall = TrainingBenchmark.Median(wall[1]);
        Console.WriteLine(string.Create(Invariant, $"quickstart wall time: quiet {quietWall:F1} s, beside one busy process {busyWall:F1} s ({busyWall / quietWall:F2}x; target <= 2.5x)"));
    }

    /// <summary>The child's side: load libtorch (with the wait policy its environment holds), train, print tokens/s.</summary>
    public static int Child(string[] args)
    {
        int steps = TrainingBenchmark.IntOption(args, "--steps", 15);
        TorchRuntime.EnsureLoaded();
        var config = new ReferenceModel().Config;
        double seconds = TrainingBenchmark.GeneratedStepSeconds(steps);
        Console.WriteLine(string.Create(Invariant, $"{Marker}{config.Train.Batch * config.Model.Context / seconds:R} {ThreadWaitPolicy.Current()}"));
        return 0;
    }

    static double TokensPerSecond(string policy, int steps)
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (string argument in new[] { "contention-child", "--steps", steps.ToString(Invariant) }) start.ArgumentList.Add(argument);
        start.Environment[ThreadWaitPolicy.Variable] = policy;
        start.Environment.Remove(ThreadWaitPolicy.SpinCountVariable);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string line = output.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the child printed no rate (exit {process.ExitCode}):\n{output}");
        string[] fields = line[Marker.Length..].Split(' ');
        if (fields[1] != policy) throw new InvalidOperationException($"the child waited {fields[1]}, not {policy}");
        return double.Parse(fields[0], Invariant);
    }

    /// <summary>`dslrunner run quickstart --set train.steps=60` (the experiments' build output) as a whole process, in seconds.</summary>
    static double QuickstartSeconds()
    {
        using var runs = new TemporaryFolder();
        var start = new ProcessStartInfo(Sweeps.SweepJobsBenchmark.DslRunnerExecutable()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "run", "quickstart", "--set", "train.steps=60", "--runs", runs.Path }) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"quickstart failed ({process.ExitCode}): {error.Result}");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs <paramref name="measure"/> beside <paramref name="busy"/> processes that spin on a core each.</summary>
    static T WithBusy<T>(int busy, Func<T> measure)
    {
        var spinners = Enumerable.Range(0, busy).Select(_ => Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!).ToList();
        try
        {
            return measure();
        }
        finally
        {
            foreach (var spinner in spinners)
            {
                spinner.Kill();
                spinner.WaitForExit();
                spinner.Dispose();
            }
        }
    }

    static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("dslrunner-contention-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
