using System.Diagnostics;
using System.Globalization;
using DslRunner.Native;
using DslRunner.Tests.Hardening.Probes;

namespace DslRunner.Hardening;

/// <summary>
/// Runs every probe, at full size or CI size, and prints what was tried, whether it ran (a skip says why) and
/// whether it held. Fails when a probe failed, or was skipped under CI on a machine that could run it.
/// </summary>
public static class HardeningSuite
{
    public static int Run(bool quick, TextWriter output)
    {
        TorchRuntime.EnsureLoaded();
        var probes = new (string Name, Func<ProbeResult> Run)[]
        {
            ("generator fuzz (YAML)", () => GeneratorFuzz.Yaml(quick ? 1_000 : 10_000, seed: 1, compiled: quick ? 5 : 50)),
            ("generator fuzz (C#)", () => GeneratorFuzz.CSharp(quick ? 200 : 2_000, seed: 2, compiled: quick ? 5 : 50)),
            ("code injection", CodeInjection.Run),
            ("YAML safety", YamlSafety.Run),
            ("data errors", DataErrors.Run),
            ("run store damage", RunStoreDamage.Run),
            ("kill and resume", () => KillResume.Run(quick ? 2 : 5, seed: 3)),
            ("disk faults", DiskFaults.Run),
            ("NaN guard", NaNGuard.Run),
            ("generator load", () => GeneratorLoad.Run(200)),
            ("sweep memory", () => SweepMemory.Run(quick ? SweepMemory.QuickPoints : 20)),
            ("native soak", () => NativeSoak.Run(quick ? NativeSoak.Quick : NativeSoak.Full)),
        };
        return Report(probes, output);
    }

    /// <summary>Only the native soak, for <paramref name="duration"/>.</summary>
    public static int Soak(TimeSpan duration, TextWriter output)
    {
        TorchRuntime.EnsureLoaded();
        return Report([("native soak", () => NativeSoak.Run(duration))], output);
    }

    static int Report((string Name, Func<ProbeResult> Run)[] probes, TextWriter output)
    {
        var results = new List<(ProbeResult Result, TimeSpan Time)>();
        foreach (var (name, run) in probes)
        {
            output.WriteLine($"… {name}");
            var clock = Stopwatch.StartNew();
            ProbeResult result;
            try
            {
                result = run();
            }
            catch (Exception e)
            {
                result = new ProbeResult("?", name, "—", "—", [$"the probe itself failed: {e}"]);
            }
            results.Add((result, clock.Elapsed));
            output.WriteLine($"  {result.Outcome} in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        }
        output.WriteLine();
        output.Write(ProbeTable.Render(results));
        foreach (var (result, _) in results.Where(r => !r.Result.Held))
        {
            output.WriteLine();
            output.WriteLine(result.Explain());
        }
        return results.Any(r => (r.Result.Ran && !r.Result.Held) || r.Result.SkipIsFailure) ? 1 : 0;
    }
}
