using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DslRunner.Config;
using DslRunner.Native;

namespace DslRunner.Benchmarks.Training;

/// <summary>
/// What portable numerics cost on the reference model: the generated training step timed in child processes of this
/// benchmark, default and portable alternating round by round (a process cannot switch mode once libtorch is loaded),
/// medians over rounds and their ratio.
/// </summary>
public static class PortableCostBenchmark
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    const string Marker = "ms/step ";

    public static int Run(string[] args)
    {
        int rounds = TrainingBenchmark.IntOption(args, "--rounds", 3);
        int steps = TrainingBenchmark.IntOption(args, "--steps", 20);
        var times = new Dictionary<Reproducibility, List<double>> { [Reproducibility.Default] = [], [Reproducibility.Portable] = [] };
        Console.WriteLine($"reference model, {steps} timed steps per process, {rounds} rounds, default and portable alternating");
        for (int round = 0; round < rounds; round++)
            foreach (var mode in new[] { Reproducibility.Default, Reproducibility.Portable })
            {
                double ms = StepMilliseconds(mode, steps);
                times[mode].Add(ms);
                Console.WriteLine(string.Create(Invariant, $"  round {round + 1} {NumericPins.Name(mode),-8} {ms,8:F1} ms/step"));
            }
        double standard = TrainingBenchmark.Median(times[Reproducibility.Default]), portable = TrainingBenchmark.Median(times[Reproducibility.Portable]);
        Console.WriteLine(string.Create(Invariant, $"median default {standard:F1} ms/step, portable {portable:F1} ms/step"));
        Console.WriteLine(string.Create(Invariant, $"portable / default step time: {portable / standard:F3}x"));
        return 0;
    }

    /// <summary>The child's side: load libtorch in the mode its environment asks for, time the step, print it.</summary>
    public static int Child(string[] args)
    {
        TorchRuntime.EnsureLoaded();
        double seconds = TrainingBenchmark.GeneratedStepSeconds(TrainingBenchmark.IntOption(args, "--steps", 20));
        Console.WriteLine(string.Create(Invariant, $"{Marker}{seconds * 1000:R} {NumericPins.Name(TorchRuntime.Mode)} {LibTorchNative.CpuCapability()}"));
        return 0;
    }

    static double StepMilliseconds(Reproducibility mode, int steps)
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (string argument in new[] { "portable-cost-child", "--steps", steps.ToString(Invariant) }) start.ArgumentList.Add(argument);
        NumericPins.ApplyTo(start, mode);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string line = output.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the {NumericPins.Name(mode)} child printed no timing (exit {process.ExitCode}):\n{output}");
        string[] fields = line[Marker.Length..].Split(' ');
        if (fields[1] != NumericPins.Name(mode)) throw new InvalidOperationException($"the child ran in {fields[1]} mode, not {NumericPins.Name(mode)}");
        return double.Parse(fields[0], Invariant);
    }
}
