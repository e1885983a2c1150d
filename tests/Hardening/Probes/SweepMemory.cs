using System.Diagnostics;
using System.Globalization;
using DslRunner.Cli;
using DslRunner.Config;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using TorchSharp;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// A sweep of many points runs through the command line in one process and reports; memory is measured as each
/// point starts (working set, managed heap, libtorch's live tensors on this thread) and must stay flat.
/// </summary>
public static class SweepMemory
{
    /// <summary>Records memory when its point starts training, i.e. after every earlier point has finished.</summary>
    sealed class Measured(ExperimentConfig config, List<(long WorkingSet, long Managed, long Tensors)> samples) : IExperiment
    {
        readonly IExperiment _inner = new TestExperiment(config);

        public ExperimentConfig Config => _inner.Config;

        public DslRunner.Models.LanguageModel BuildModel(int vocabularySize) => _inner.BuildModel(vocabularySize);

        public DslRunner.Losses.CompositeLoss BuildLoss() => _inner.BuildLoss();

        public IReadOnlyList<DslRunner.Decoding.IDecoder> BuildDecoders() => _inner.BuildDecoders();

        public TrainingResult Train(RunContext context)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            samples.Add((process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), DisposeScopeManager.Statistics.ThreadTotalLiveCount));
            return _inner.Train(context);
        }

        public EvaluationResult Evaluate(RunContext context, TrainingResult training) => _inner.Evaluate(context, training);
    }

    /// <summary>The CI-sized sweep (the quick suite and tests/Hardening/LoadTests): enough points to measure growth from point 3.</summary>
    public const int QuickPoints = 6;

    public static ProbeResult Run(int points)
    {
        if (points < 4) throw new ArgumentOutOfRangeException(nameof(points), points, "growth is measured from point 3: at least 4 points");
        var failures = new List<string>();
        var samples = new List<(long WorkingSet, long Managed, long Tensors)>();
        var baseConfig = TestExperiment.Tiny(seed: 4, steps: 10) with { Name = "sweep" };
        var experiments = new List<IExperiment> { new Measured(baseConfig, samples) };
        for (int i = 1; i < points; i++)
        {
            double lr = 1e-3 * (i + 1);
            experiments.Add(new Measured(baseConfig with
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"sweep@train.optimizer.lr={lr}"),
                Train = baseConfig.Train with { Optimizer = baseConfig.Train.Optimizer with { Lr = lr } },
            }, samples));
        }
        using var folder = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();
        var clock = Stopwatch.StartNew();
        int exit = DslRunnerCli.Run(["sweep", "sweep", "--runs", folder.Path], experiments, output, error);
        clock.Stop();
        if (exit != ExitCodes.Ok) failures.Add($"the sweep failed ({exit}): {error}");
        var lines = output.ToString().Split('\n');
        int header = Array.FindLastIndex(lines, line => line.StartsWith("run ", StringComparison.Ordinal) && line.Contains("validation/loss", StringComparison.Ordinal));
        int reported = header < 0 ? 0 : lines.Skip(header + 1).TakeWhile(line => line.Length > 0 && !line.StartsWith("wrote ", StringComparison.Ordinal)).Count();
        if (reported != points) failures.Add($"the sweep table has {reported} rows for {points} points");
        if (samples.Count != points) failures.Add($"{samples.Count} of {points} points ran");
        if (!output.ToString().Contains("wrote ", StringComparison.Ordinal)) failures.Add("the sweep wrote no comparison report");

        string figures = $"{samples.Count} samples: too few to measure growth";
        if (samples.Count < 4) failures.Add(figures);
        else
        {
            // The first points warm caches and the JIT; growth is measured from the third point on.
            var (ws0, managed0, tensors0) = samples[2];
            var (ws1, managed1, tensors1) = samples[^1];
            double workingSetGrowth = (ws1 - ws0) / 1048576.0, managedGrowth = (managed1 - managed0) / 1048576.0;
            figures = string.Create(CultureInfo.InvariantCulture,
                $"{samples.Count} points in {clock.Elapsed.TotalSeconds:F0} s; working set {samples[0].WorkingSet / 1048576.0:F0} → {ws0 / 1048576.0:F0} (point 3) → {ws1 / 1048576.0:F0} MB (point {samples.Count}); " +
                $"managed heap {managed0 / 1048576.0:F1} → {managed1 / 1048576.0:F1} MB; live tensors {tensors0} → {tensors1}; {reported} rows in the table");
            if (workingSetGrowth > 150) failures.Add(string.Create(CultureInfo.InvariantCulture, $"working set grew {workingSetGrowth:F0} MB from point 3 to {samples.Count}"));
            if (managedGrowth > 50) failures.Add(string.Create(CultureInfo.InvariantCulture, $"managed heap grew {managedGrowth:F0} MB"));
            if (tensors1 - tensors0 > 10L * (samples.Count - 3))
                failures.Add($"live tensors grew from {tensors0} to {tensors1}, more than 10 per point");
        }
        return new ProbeResult("load", $"sweep of {points} points in one process; memory flat", $"{points} tiny points via 'sweep'", figures, failures);
    }
}
