using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DslRunner.Runs;
using DslRunner.Sweeps;

namespace DslRunner.Benchmarks.Sweeps;

/// <summary>
/// The same small sweep (tiny-gpt × 4 seeds, one thread per point) at --jobs 1 and --jobs 2, alternated round by round
/// in one run, through the real <c>dslrunner</c> executable: the sweep's wall time at each, their ratio, and each
/// point's overhead — its wall time as the launcher saw it minus its training time from the manifest (process start,
/// data preparation, evaluation and writing the run folder). Medians over the rounds.
/// </summary>
public static partial class SweepJobsBenchmark
{
    public static int Run(string[] args)
    {
        int rounds = Option(args, "--rounds", 3);
        int steps = Option(args, "--steps", 200);
        int points = Option(args, "--points", 4);
        string executable = DslRunnerExecutable();
        var wall = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        var overhead = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        var training = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        Console.WriteLine($"sweep: tiny-gpt × {points} seeds, train.steps={steps}, 1 thread per point; {rounds} rounds, --jobs 1 and 2 alternated; {Environment.ProcessorCount} cores");
        Console.WriteLine("the machine may be shared: other processes' load shows up in every figure below");
        for (int round = 0; round < rounds; round++)
        {
            foreach (int jobs in round % 2 == 0 ? new[] { 1, 2 } : [2, 1])
            {
                string runs = Path.Combine(Path.GetTempPath(), "dslrunner-bench-sweep-" + Guid.NewGuid().ToString("N"));
                try
                {
                    var (seconds, perPoint) = Sweep(executable, runs, jobs, steps, points);
                    wall[jobs].Add(seconds);
                    overhead[jobs].AddRange(perPoint.Select(p => p.Wall - p.Training));
                    training[jobs].AddRange(perPoint.Select(p => p.Training));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} --jobs {jobs}: {seconds:F1} s"));
                }
                finally
                {
                    if (Directory.Exists(runs)) Directory.Delete(runs, recursive: true);
                }
            }
        }
        Console.WriteLine();
        Console.WriteLine("jobs  sweep wall (median)  point training (median)  point overhead (median)");
        foreach (int jobs in new[] { 1, 2 })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{jobs,4}  {Median(wall[jobs]),17:F1} s  {Median(training[jobs]),21:F1} s  {Median(overhead[jobs]),21:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--jobs 2 / --jobs 1 wall time: {Median(wall[2]) / Median(wall[1]):F2}"));
        return 0;
    }

    static (double Seconds, List<(double Wall, double Training)> PerPoint) Sweep(string executable, string runs, int jobs, int steps, int points)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "sweep", "tiny-gpt", "--replicates", points.ToString(CultureInfo.InvariantCulture),
                     "--set", $"train.steps={steps}", "--set", "train.threads=1", "--jobs", jobs.ToString(CultureInfo.InvariantCulture), "--runs", runs })
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the sweep failed: {output}{error.Result}");
        var sweep = SweepFolder.Find("tiny-gpt", runs)!;
        var plan = sweep.ReadPlan();
        var perPoint = new List<(double, double)>();
        foreach (Match match in FinishedLine().Matches(output))
        {
            var point = plan.Points.Single(p => p.Label == match.Groups["label"].Value);
            var manifest = RunManifest.Read(PointState.Read(sweep, point).Folder!);
            perPoint.Add((double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture), manifest.Results["wall_seconds"]));
        }
        return (clock.Elapsed.TotalSeconds, perPoint);
    }

    [GeneratedRegex(@"^finished (?<label>.+) in (?<seconds>[0-9.]+) s$", RegexOptions.Multiline)]
    private static partial Regex FinishedLine();

    /// <summary>The experiments' executable of the same configuration as this benchmark (the project reference builds it).</summary>
    internal static string DslRunnerExecutable()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DslRunner.sln"))) directory = directory.Parent;
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string path = Path.Combine(directory?.FullName ?? ".", "experiments", "bin", configuration, "net10.0", "dslrunner");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build the experiments first: {path} is missing", path);
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
