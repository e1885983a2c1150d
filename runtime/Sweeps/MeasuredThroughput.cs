using DslRunner.Runs;

namespace DslRunner.Sweeps;

/// <summary>
/// The training FLOP rate this machine reached, read from finished runs under the runs root that ran on the same CPU
/// model with the same thread count: the median of their (estimated FLOPs / training wall time). The plan's own
/// experiments first; when none of them has finished here, any finished run under the root (sweeps' and studies'
/// run folders included), so a first sweep of a new experiment still gets an estimate.
/// </summary>
public static class MeasuredThroughput
{
    const int MostRecentRuns = 20, AnyRuns = 200;

    /// <param name="experiments">Experiment folders to look in (the plan's experiments); keeps the scan small.</param>
    public static double? FlopsPerSecond(string runsRoot, IEnumerable<string> experiments, int threads)
    {
        string cpu = MachineInfo.Current().Cpu;
        var own = experiments.Distinct().Select(e => Path.Combine(runsRoot, RunFolder.SafeName(e))).Where(Directory.Exists)
            .SelectMany(folder => Directory.GetDirectories(folder).OrderDescending(StringComparer.Ordinal).Take(MostRecentRuns));
        var rates = Rates(own, cpu, threads);
        if (rates.Count == 0 && Directory.Exists(runsRoot))
            rates = Rates(Directory.EnumerateFiles(runsRoot, RunManifest.FileName, SearchOption.AllDirectories)
                .Select(Path.GetDirectoryName).OfType<string>().Take(AnyRuns), cpu, threads);
        if (rates.Count == 0) return null;
        rates.Sort();
        return rates[rates.Count / 2];
    }

    static List<double> Rates(IEnumerable<string> runs, string cpu, int threads)
    {
        var rates = new List<double>();
        foreach (string run in runs)
        {
            RunManifest manifest;
            try
            {
                if (!File.Exists(Path.Combine(run, RunManifest.FileName))) continue;
                manifest = RunManifest.Read(run);
            }
            catch (InvalidDataException)
            {
                continue;
            }
            if (manifest.Status != "finished" || manifest.Machine.Cpu != cpu || manifest.Threads != threads) continue;
            double flops = PointCost.TrainingFlops(manifest.Config);
            if (flops > 0 && manifest.Results.TryGetValue("wall_seconds", out double seconds) && seconds > 0) rates.Add(flops / seconds);
        }
        return rates;
    }
}
