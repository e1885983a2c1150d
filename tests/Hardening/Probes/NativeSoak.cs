using System.Diagnostics;
using System.Globalization;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Native;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using TorchSharp;
using DslRunner.RunFiles;

namespace DslRunner.Tests.Hardening.Probes;

/// <summary>
/// Training, evaluation and every decoder, round after round, in a child process whose garbage collector runs
/// constantly (a tiny gen0 budget, and a thread that collects and waits for finalizers): no native error, resident
/// memory at the end within 1.1× of what it was at a fifth of the time, and live tensors flat.
/// </summary>
public static class NativeSoak
{
    /// <summary>The host command that runs the rounds in this process (the child's side).</summary>
    public const string Command = "soak-rounds";

    /// <summary>The CI-sized soak (tests/Hardening/SoakTests and the quick suite): under a minute with the child's start.</summary>
    public static readonly TimeSpan Quick = TimeSpan.FromSeconds(45);

    /// <summary>The suite's soak.</summary>
    public static readonly TimeSpan Full = TimeSpan.FromMinutes(10);

    /// <summary>A gen0 budget of 64 KiB: a collection every few dozen scalars, finalizers always pending.</summary>
    public const string Gen0Size = "0x10000";

    const double MaxGrowth = 1.1;

    public static ProbeResult Run(TimeSpan duration)
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_GCgen0size"] = Gen0Size, ["DOTNET_gcServer"] = "0" };
        string tried = string.Create(CultureInfo.InvariantCulture,
            $"{duration.TotalSeconds:F0} s of training, evaluation and 6 decoders with DOTNET_GCgen0size={Gen0Size} and a collecting thread");
        const string Property = "no native error, resident memory and live tensors flat under GC stress";
        int exit;
        string output, error;
        try
        {
            (exit, output, error) = HostProcess.Run(environment, duration + TimeSpan.FromMinutes(2), Command, duration.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        }
        catch (TimeoutException e)
        {
            return new ProbeResult("faults", Property, tried, "—", [e.Message]);
        }
        var failures = new List<string>();
        if (exit != 0) failures.Add($"the soak exited with {exit}: {Tail(error)}");
        var samples = output.Split('\n').Where(l => l.StartsWith("sample ", StringComparison.Ordinal)).Select(Sample.Parse).ToList();
        string figures = $"{samples.Count} samples";
        double early = duration.TotalSeconds / 5;
        if (samples.Count < 5 || samples.FirstOrDefault(s => s.Seconds >= early) is not { } reference)
            failures.Add($"{samples.Count} samples, the last at {samples.LastOrDefault()?.Seconds ?? 0:F0} s: too few to judge growth");
        else
        {
            var last = samples[^1];
            double growth = (double)last.Resident / reference.Resident;
            long tensorsEarly = samples.Where(s => s.Seconds >= early).Min(s => s.LiveTensors);
            long tensorsLate = samples.Max(s => s.LiveTensors);
            var lateHalf = samples.Where(s => s.Seconds >= duration.TotalSeconds / 2).ToList();
            figures = string.Create(CultureInfo.InvariantCulture,
                $"{last.Rounds} rounds in {last.Seconds:F0} s; resident {samples[0].Resident / 1048576.0:F0} → {reference.Resident / 1048576.0:F0} MB at {reference.Seconds:F0} s → {last.Resident / 1048576.0:F0} MB at {last.Seconds:F0} s (×{growth:F3}); " +
                $"live tensors between rounds {tensorsEarly}…{tensorsLate} (last {last.LiveTensors}); {last.Gen0} gen0 and {last.Gen2} full collections");
            if (growth > MaxGrowth) failures.Add(string.Create(CultureInfo.InvariantCulture, $"resident memory grew ×{growth:F3} from {reference.Seconds:F0} s to {last.Seconds:F0} s (at most ×{MaxGrowth})"));
            if (lateHalf.Max(s => s.LiveTensors) > samples.Where(s => s.Seconds < duration.TotalSeconds / 2).Max(s => s.LiveTensors))
                failures.Add($"live tensors between rounds grew: {string.Join(", ", samples.Select(s => s.LiveTensors))}");
            if (last.Rounds < 2) failures.Add($"only {last.Rounds} rounds finished");
            if (last.Gen0 < 10 * last.Rounds) failures.Add($"{last.Gen0} gen0 collections in {last.Rounds} rounds: the GC was not under stress (is DOTNET_GCgen0size honoured?)");
        }
        return new ProbeResult("faults", Property, tried, figures, failures);
    }

    /// <summary>The start (the exception and libtorch's message) and the end (the managed stack) of the child's error output.</summary>
    static string Tail(string text) => text.Length <= 3000 ? text : text[..1500] + " … " + text[^1500..];

    /// <summary>One line the child prints after each round.</summary>
    sealed record Sample(double Seconds, int Rounds, long Resident, long LiveTensors, int Gen0, int Gen2)
    {
        public static Sample Parse(string line)
        {
            var f = line.Trim().Split(' ');
            return new(double.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture),
                int.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture));
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sample {Seconds:F1} {Rounds} {Resident} {LiveTensors} {Gen0} {Gen2}");
    }

    const int Kinds = 3;

    /// <summary>The models, optimizers and loss terms the rounds cycle through.</summary>
    static ExperimentConfig RoundConfig(int round)
    {
        var tiny = TestExperiment.Tiny(seed: 100 + round, steps: 20);
        var optimizer = tiny.Train.Optimizer with { WeightDecay = 0.1 };
        (ModelConfig model, OptimizerKind kind, LossTermConfig[] loss) = (round % Kinds) switch
        {
            0 => (tiny.Model, OptimizerKind.AdamW, new LossTermConfig[] { new CrossEntropyConfig(), new CapacityLossConfig(Weight: 0.1, Target: 0.5, Warmup: 5) }),
            1 => ((ModelConfig)new TransformerConfig(1, 32, 2, 32, OutputHead.Cosine, 0.1, CosineScale: 8, Positions: PositionEncoding.Rope), OptimizerKind.Adam,
                  new LossTermConfig[] { new CrossEntropyConfig(), new L1Config(1e-5), new LogitMeanConfig(0.01) }),
            _ => ((ModelConfig)new LstmConfig(Embedding: 32, Hidden: 32, Layers: 1, Context: 32, Head: OutputHead.Tied, Dropout: 0), OptimizerKind.Sgd,
                  new LossTermConfig[] { new CrossEntropyConfig() }),
        };
        return tiny with
        {
            Name = "soak",
            Model = model,
            Loss = loss,
            Train = tiny.Train with { Optimizer = optimizer with { Kind = kind }, Accumulation = 2 },
            Decode =
            [
                new GreedyConfig(24),
                new BeamConfig(24, Width: 3, LengthPenalty: 0.7),
                new SampleConfig(24, Temperature: 0.9, TopK: 5, RepetitionPenalty: 1.3, TopP: 0.9, Seed: 1),
                new TopPConfig(24, P: 0.8, Temperature: 1, Seed: 2, DynamicStep: 0.1, RepetitionNgram: 2),
                new CapacitySavingConfig(24, P: 0.9, Weight: 1),
                new MinPConfig(24, MinP: 0.1, Temperature: 1, Seed: 4),
            ],
        };
    }

    /// <summary>The child's side: rounds until <paramref name="duration"/> has passed, a sample line after each.</summary>
    public static int Rounds(TimeSpan duration, TextWriter output)
    {
        TorchRuntime.EnsureLoaded();
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Thread.Sleep(2);
            }
        }) { IsBackground = true, Name = "soak collector" };
        collector.Start();
        var data = DataPipeline.For(RoundConfig(0));
        // One model per kind for the whole soak, as a long run keeps its model: TorchSharp's live-tensor count drifts
        // up by one for each parameter a module creates (its handle is moved into a Parameter uncounted), so models
        // built per round would read as a leak.
        var models = Enumerable.Range(0, Kinds).Select(kind => RoundConfig(kind).Model.Build(data.Tokenizer.VocabularySize)).ToArray();
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        try
        {
            while (clock.Elapsed < duration)
            {
                var config = RoundConfig(rounds);
                var experiment = new ConfiguredExperiment(config, "");
                using (var metrics = new MetricsLog(null))
                {
                    var context = new RunContext(config, data, null, metrics, SilentProgress.Instance);
                    var training = Trainer.Train(context, models[rounds % Kinds], experiment.BuildLoss(), config.Train);
                    Evaluator.Evaluate(context, training, experiment.BuildDecoders(), config.Eval);
                }
                rounds++;
                // Live tensors process-wide: a tensor freed by a finalizer counts as freed here, unlike in a thread's scope statistics.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var process = Process.GetCurrentProcess();
                output.WriteLine(new Sample(clock.Elapsed.TotalSeconds, rounds, process.WorkingSet64,
                    torch.Tensor.TotalCount, GC.CollectionCount(0), GC.CollectionCount(2)));
                output.Flush();
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
            foreach (var model in models) model.Dispose();
        }
        return 0;
    }
}
