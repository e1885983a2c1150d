using DslRunner.Runs;

namespace DslRunner.Sweeps;

/// <summary>
/// The training FLOP rate this machine reached, read from finished runs under the runs root that ran on the same CPU
/// model with the same thread count: the median of their (estimated FLOPs / training wall time).
/// </summary>
public static class MeasuredThroughput
{
    const int MostRecentRuns = 20;

    /// <param name="experiments">Experiment folders to look in (the plan's experiments); keeps the scan small.</param>
    public static double? FlopsPerSecond(string runsRoot, IEnumerable<string> experiments, int threads)
    {
        string cpu = MachineInfo.Current().Cpu;
        var rates = new List<double>();
        foreach (string experiment in experiments.Distinct())
        {
            string folder = Path.Combine(runsRoot, RunFolder.SafeName(experiment));
            if (!Directory.Exists(folder)) continue;
            foreach (string run in Directory.GetDirectories(folder).OrderDescending(StringComparer.Ordinal).Take(MostRecentRuns))
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
                if (manifest.Results.TryGetValue("wall_seconds", out double seconds) && seconds > 0)
                    rates.Add(PointCost.TrainingFlops(manifest.Config) / seconds);
            }
        }
        if (rates.Count == 0) return null;
        rates.Sort();
        return rates[rates.Count / 2];
    }
}
