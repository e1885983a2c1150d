using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DslRunner.Review;

namespace DslRunner.Benchmarks.Review;

/// <summary>
/// <c>review</c> of this repository's experiments between two commits, as CI runs it on every pull request: the
/// standalone tool as a child process (start-up, JIT, git, both sides read, resolved, emitted, compared and rendered),
/// and side by side the same review inside this process, first cold and then warm. Medians of several rounds. The
/// machine is shared: wall times include whatever else runs; the in-process CPU time is the steadier figure.
/// </summary>
public static class ReviewBenchmark
{
    const double BudgetSeconds = 5;

    /// <param name="args">[--base REV] (default HEAD~5) [--head REV] (default HEAD) [--rounds N] (default 5).</param>
    public static int Run(string[] args)
    {
        string baseRevision = Value(args, "--base") ?? "HEAD~5";
        string headRevision = Value(args, "--head") ?? "HEAD";
        int rounds = int.Parse(Value(args, "--rounds") ?? "5", CultureInfo.InvariantCulture);
        string repository = RepositoryRoot();
        string tool = Path.Combine(AppContext.BaseDirectory, "dslrunner-review.dll");
        string[] review = [baseRevision, headRevision, "--markdown", "--repo", repository];

        string markdown = InProcess(review);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"review {baseRevision} {headRevision} of {repository}: {markdown.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal))} table rows, {markdown.Length:N0} characters of Markdown; median of {rounds}; {Environment.ProcessorCount} cores, shared"));

        var cold = Stopwatch.StartNew();
        InProcess(review);
        cold.Stop();
        var warm = Median(rounds, () =>
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            InProcess(review);
            return (watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        });
        var process = Median(rounds, () => ChildProcess(tool, review));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"standalone tool, child process: {process.Wall.TotalSeconds:F2} s wall (budget {BudgetSeconds:F0} s: {(process.Wall.TotalSeconds < BudgetSeconds ? "within" : "OVER")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in process: second call {cold.Elapsed.TotalMilliseconds:F0} ms, warm {warm.Wall.TotalMilliseconds:F0} ms wall, {warm.Cpu.TotalMilliseconds:F0} ms CPU (git's processes not counted); child process / warm in-process = {process.Wall / warm.Wall:F1}× wall"));
        return 0;
    }

    static string InProcess(string[] review)
    {
        var output = new StringWriter();
        int exit = ReviewCommand.Standalone().Parse(review).Invoke(new InvocationConfiguration { Output = output, Error = Console.Error });
        if (exit != 0) throw new InvalidOperationException($"review exited with {exit}");
        return output.ToString();
    }

    static (TimeSpan Wall, TimeSpan Cpu) ChildProcess(string tool, string[] review)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (string argument in review) start.ArgumentList.Add(argument);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the review tool exited with {process.ExitCode}: {error.Result}");
        return (watch.Elapsed, TimeSpan.Zero);
    }

    static (TimeSpan Wall, TimeSpan Cpu) Median(int rounds, Func<(TimeSpan, TimeSpan)> measure)
    {
        var samples = Enumerable.Range(0, rounds).Select(_ => measure()).ToList();
        return (samples.Select(s => s.Item1).Order().ElementAt(rounds / 2), samples.Select(s => s.Item2).Order().ElementAt(rounds / 2));
    }

    static string? Value(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "DslRunner.sln"))) return folder.FullName;
        return Directory.GetCurrentDirectory();
    }
}
