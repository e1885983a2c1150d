using System.Diagnostics;
using System.Globalization;
using DslRunner.Native;
using DslRunner.Tests.Hardening.Probes;

namespace DslRunner.Hardening;

/// <summary>Runs every probe, at full size or CI size, and prints what was tried and whether it held.</summary>
public static class HardeningSuite
{
    public static int Run(bool quick, TextWriter output)
    {
        TorchRuntime.EnsureLoaded();
        var probes = new (string Name, Func<ProbeResult> Run)[]
        {
            ("generator fuzz (YAML)", () => GeneratorFuzz.Yaml(quick ? 1_000 : 10_000, seed: 1)),
            ("generator fuzz (C#)", () => GeneratorFuzz.CSharp(quick ? 200 : 2_000, seed: 2)),
            ("code injection", CodeInjection.Run),
            ("YAML safety", YamlSafety.Run),
            ("data errors", DataErrors.Run),
            ("run store damage", RunStoreDamage.Run),
            ("kill and resume", () => KillResume.Run(quick ? 2 : 5, seed: 3)),
            ("disk faults", DiskFaults.Run),
            ("NaN guard", NaNGuard.Run),
            ("generator load", () => GeneratorLoad.Run(200)),
            ("sweep memory", () => SweepMemory.Run(20, assertFlat: !quick)),
        };
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
            output.WriteLine($"  {(result.Held ? "held" : "BROKEN")} in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        }
        output.WriteLine();
        output.WriteLine($"| area | property | tried | held | figures | time |");
        output.WriteLine($"|---|---|---|---|---|---|");
        foreach (var (result, time) in results)
            output.WriteLine($"| {result.Area} | {result.Property} | {result.Tried} | {(result.Held ? "yes" : "**NO**")} | {result.Figures} | {time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s |");
        foreach (var (result, _) in results.Where(r => !r.Result.Held))
        {
            output.WriteLine();
            output.WriteLine(result.Explain());
        }
        return results.All(r => r.Result.Held) ? 0 : 1;
    }
}
