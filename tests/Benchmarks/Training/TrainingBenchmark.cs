using System.Diagnostics;
using System.Globalization;
using DslRunner.Config;
using DslRunner.Data;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Benchmarks.Training;

/// <summary>
/// Training throughput of the reference model against this machine's sgemm peak, the generated experiment's
/// step against a hand-written TorchSharp loop of the same model, and memory over 1,000 steps.
/// </summary>
public static class TrainingBenchmark
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        int steps = IntOption(args, "--steps", 30);
        int memorySteps = IntOption(args, "--memory-steps", 1000);
        var experiment = new DslRunner.Benchmarks.ReferenceModel();
        var config = experiment.Config;
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        Console.WriteLine($"threads {torch.get_num_threads()}, reference model: d {((TransformerConfig)config.Model).DModel}, " +
                          $"{((TransformerConfig)config.Model).Layers} layers, ctx {config.Model.Context}, batch {config.Train.Batch}");

        double peak = SgemmPeak(config.Train.Threads);
        Console.WriteLine(string.Create(Invariant, $"sgemm peak (1024², float32): {peak / 1e9:F1} GFLOP/s"));

        var data = DataPipeline.Prepare(config.Data, config.Tokenizer, config.Seed);
        // Alternate the two loops so that any drift in the machine's load falls on both alike.
        var generatedRounds = new List<double>();
        var handWrittenRounds = new List<double>();
        long parameters = 0;
        for (int round = 0; round < 3; round++)
        {
            generatedRounds.Add(GeneratedStepSeconds(experiment, data, steps, out parameters));
            handWrittenRounds.Add(HandWrittenStepSeconds(experiment, data, steps));
        }
        double generated = Median(generatedRounds), handWritten = Median(handWrittenRounds);
        double tokensPerStep = (double)config.Train.Batch * config.Model.Context;
        double tokensPerSecond = tokensPerStep / generated;
        Console.WriteLine(string.Create(Invariant, $"parameters N = {parameters:N0}, vocabulary {data.Tokenizer.VocabularySize}"));
        Console.WriteLine(string.Create(Invariant, $"generated experiment: {generated * 1000:F1} ms/step, {tokensPerSecond:N0} tokens/s"));
        Console.WriteLine(string.Create(Invariant, $"hand-written loop:    {handWritten * 1000:F1} ms/step"));
        Console.WriteLine(string.Create(Invariant, $"generated / hand-written step time: {generated / handWritten:F3}x (target <= 1.03)"));
        Console.WriteLine(string.Create(Invariant, $"6·N·tokens/s = {6.0 * parameters * tokensPerSecond / 1e9:F1} GFLOP/s = {6.0 * parameters * tokensPerSecond / peak:F2} of sgemm peak (target >= 0.6)"));

        MemoryOverSteps(memorySteps);
        return 0;
    }

    static double SgemmPeak(int threads)
    {
        using var a = randn(1024, 1024);
        using var b = randn(1024, 1024);
        for (int i = 0; i < 3; i++) { using var warm = a.matmul(b); }
        double best = 0;
        for (int round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < 10; i++) { using var c = a.matmul(b); }
            best = Math.Max(best, 10 * 2.0 * 1024 * 1024 * 1024 / clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Median seconds per step of the reference model's generated Train, after preparing its data (cached on disk).</summary>
    public static double GeneratedStepSeconds(int steps)
    {
        var experiment = new DslRunner.Benchmarks.ReferenceModel();
        var config = experiment.Config;
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        var data = DataPipeline.Prepare(config.Data, config.Tokenizer, config.Seed);
        return GeneratedStepSeconds(experiment, data, steps, out _);
    }

    /// <summary>Median seconds per step of the generated Train (the trainer with metrics and the NaN guard), warm-up excluded.</summary>
    static double GeneratedStepSeconds(IExperiment experiment, PreparedData data, int steps, out long parameters)
    {
        var config = experiment.Config with { Train = experiment.Config.Train with { Steps = steps + 5, EvalEvery = 10_000 } };
        var timing = new StepTiming();
        using var metrics = new MetricsLog(null);
        var context = new RunContext(config, data, Folder: null, metrics, timing);
        var training = Trainer.Train(context, experiment.BuildModel(data.Tokenizer.VocabularySize), experiment.BuildLoss(), config.Train);
        parameters = training.Model.ParameterCount;
        training.Model.Dispose();
        return timing.MedianAfter(5);
    }

    /// <summary>The same model, optimizer and batches in the plainest TorchSharp loop.</summary>
    static double HandWrittenStepSeconds(IExperiment experiment, PreparedData data, int steps)
    {
        var config = experiment.Config;
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        using var model = new GptModel((TransformerConfig)config.Model, data.Tokenizer.VocabularySize);
        using var optimizer = optim.AdamW(model.parameters(), lr: config.Train.Optimizer.Lr, beta1: 0.9, beta2: 0.999, weight_decay: 0.1);
        var sampler = new BatchSampler(data.Splits.Train, model.Context, config.Train.Batch, config.Seed);
        var times = new List<double>();
        model.train();
        for (int step = 0; step < steps + 5; step++)
        {
            var clock = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                optimizer.zero_grad();
                var (inputs, targets) = sampler.Next();
                var logits = model.call(inputs);
                var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                loss.item<float>();
            }
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return Median(times.Skip(5));
    }

    static void MemoryOverSteps(int steps)
    {
        var tiny = new TransformerConfig(Layers: 1, DModel: 64, Heads: 2, Context: 32, Head: OutputHead.Tied, Dropout: 0.1, CosineScale: null);
        var config = new ExperimentConfig("memory", "", 3,
            new DataConfig(CorpusKind.Synthetic, 100_000, 0.05, 0.05, null), new TokenizerConfig(TokenizerKind.Char, 0), tiny,
            [new CrossEntropyConfig()],
            new TrainConfig(new OptimizerConfig(OptimizerKind.AdamW, 1e-3, 0.1, 0.9, 0.95, 0), new ScheduleConfig(10, DecayKind.Cosine, 0.1),
                Batch: 16, Steps: steps, EvalEvery: 100, EvalBatches: 2, Threads: 2, GradClip: 1, Accumulation: 1),
            null, [], new EvalConfig([], []));
        var data = DataPipeline.Prepare(config.Data, config.Tokenizer, config.Seed);
        using var metrics = new MetricsLog(null);
        var probe = new MemoryProbe(steps);
        var context = new RunContext(config, data, null, metrics, probe);
        using var model = tiny.Build(data.Tokenizer.VocabularySize);
        Trainer.Train(context, model, new CompositeLoss([new CrossEntropyLoss()]), config.Train);
        Console.WriteLine($"memory over {steps} training steps (resident set, live tensors):");
        foreach (var (step, rss, tensors) in probe.Samples)
            Console.WriteLine(string.Create(Invariant, $"  step {step,5}: {rss / 1048576.0,8:F1} MiB, {tensors,6} live tensors"));
        var first = probe.Samples[0];
        var last = probe.Samples[^1];
        Console.WriteLine(string.Create(Invariant, $"  growth from step {first.Step} to {last.Step}: {(last.Rss - first.Rss) / 1048576.0:F1} MiB, {last.Tensors - first.Tensors} tensors"));
    }

    sealed class StepTiming : IRunProgress
    {
        readonly Stopwatch _clock = Stopwatch.StartNew();
        public List<double> Seconds { get; } = [];

        public void Message(string text) { }

        public void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond)
        {
            Seconds.Add(_clock.Elapsed.TotalSeconds);
            _clock.Restart();
        }

        public void Sample(Sample sample) { }

        public double MedianAfter(int warmup) => Median(Seconds.Skip(warmup));
    }

    sealed class MemoryProbe(int steps) : IRunProgress
    {
        public List<(int Step, long Rss, long Tensors)> Samples { get; } = [];

        public void Message(string text) { }

        public void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond)
        {
            if (step % Math.Max(1, steps / 5) != 0) return;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            Samples.Add((step, process.WorkingSet64, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount));
        }

        public void Sample(Sample sample) { }
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    internal static int IntOption(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], Invariant) : fallback;
    }
}
