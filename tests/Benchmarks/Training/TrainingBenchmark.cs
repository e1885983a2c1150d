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
using DslRunner.RunFiles;

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
        int roundCount = IntOption(args, "--rounds", 5);
        var experiment = new DslRunner.Benchmarks.ReferenceModel();
        var config = experiment.Config;
        TorchRuntime.Configure(config.Train.Threads, config.Seed);
        Console.WriteLine($"threads {torch.get_num_threads()}, reference model: d {((TransformerConfig)config.Model).DModel}, " +
                          $"{((TransformerConfig)config.Model).Layers} layers, ctx {config.Model.Context}, batch {config.Train.Batch}");


        var data = DataPipeline.Prepare(config.Data, config.Tokenizer, config.Seed);
        // Alternate the sgemm peak and the two loops so that any drift in the machine's load falls on all alike;
        // each round's ratios are taken within the round, and the medians of the rounds are reported.
        var rounds = new List<(double Peak, double Generated, double HandWritten)>();
        var phases = new StepPhases();
        long parameters = 0;
        for (int round = 0; round < roundCount; round++)
        {
            double peakSeconds = SgemmPeak(config.Train.Threads);
            double generatedSeconds = GeneratedStepSeconds(experiment, data, steps, out parameters);
            rounds.Add((peakSeconds, generatedSeconds, HandWrittenStepSeconds(experiment, data, steps, phases)));
        }
        double tokensPerStep = (double)config.Train.Batch * config.Model.Context;
        double Flops(double stepSeconds) => 6.0 * parameters * tokensPerStep / stepSeconds;
        double generated = Median(rounds.Select(r => r.Generated)), handWritten = Median(rounds.Select(r => r.HandWritten));
        Console.WriteLine(string.Create(Invariant, $"sgemm peak (1024², float32), median of the rounds: {Median(rounds.Select(r => r.Peak)) / 1e9:F1} GFLOP/s"));
        Console.WriteLine(string.Create(Invariant, $"parameters N = {parameters:N0}, vocabulary {data.Tokenizer.VocabularySize}; {roundCount} alternating rounds of {steps} steps (medians; shared machine, noisy)"));
        Console.WriteLine(string.Create(Invariant, $"generated experiment: {generated * 1000:F1} ms/step, {tokensPerStep / generated:N0} tokens/s"));
        Console.WriteLine(string.Create(Invariant, $"hand-written loop:    {handWritten * 1000:F1} ms/step"));
        Console.WriteLine(string.Create(Invariant,
            $"generated / hand-written step time: {Median(rounds.Select(r => r.Generated / r.HandWritten)):F3}x (target <= 1.03; rounds {string.Join(" ", rounds.Select(r => (r.Generated / r.HandWritten).ToString("F3", Invariant)))})"));
        Console.WriteLine(string.Create(Invariant,
            $"6·N·tokens/s = {Flops(generated) / 1e9:F1} GFLOP/s = {Median(rounds.Select(r => Flops(r.Generated) / r.Peak)):F2} of sgemm peak (target >= 0.65; rounds {string.Join(" ", rounds.Select(r => (Flops(r.Generated) / r.Peak).ToString("F2", Invariant)))})"));
        Console.WriteLine(phases.Describe());

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

    /// <summary>The same model, optimizer and batches in the plainest TorchSharp loop; its phases timed into <paramref name="phases"/>.</summary>
    static double HandWrittenStepSeconds(IExperiment experiment, PreparedData data, int steps, StepPhases phases)
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
            double forward, backward, optimizerStep;
            using (NewDisposeScope())
            {
                optimizer.zero_grad();
                var (inputs, targets) = sampler.Next();
                double started = clock.Elapsed.TotalSeconds;
                var logits = model.call(inputs);
                var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1));
                forward = clock.Elapsed.TotalSeconds - started;
                started = clock.Elapsed.TotalSeconds;
                loss.backward();
                backward = clock.Elapsed.TotalSeconds - started;
                started = clock.Elapsed.TotalSeconds;
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                optimizerStep = clock.Elapsed.TotalSeconds - started;
                loss.item<float>();
            }
            double total = clock.Elapsed.TotalSeconds;
            times.Add(total);
            if (step >= 5) phases.Add(forward, backward, optimizerStep, total - forward - backward - optimizerStep);
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

    /// <summary>Where a hand-written step's time goes: medians over every timed step of every round.</summary>
    sealed class StepPhases
    {
        readonly List<double> _forward = [], _backward = [], _optimizer = [], _other = [];

        public void Add(double forward, double backward, double optimizer, double other)
        {
            _forward.Add(forward);
            _backward.Add(backward);
            _optimizer.Add(optimizer);
            _other.Add(other);
        }

        public string Describe()
        {
            double forward = Median(_forward), backward = Median(_backward), optimizer = Median(_optimizer), other = Median(_other);
            double total = forward + backward + optimizer + other;
            string Part(string name, double seconds) => string.Create(Invariant, $"{name} {seconds * 1000:F1} ms ({seconds / total:P0})");
            return "one step's time (hand-written loop, medians): " + string.Join(", ",
                Part("forward + loss", forward), Part("backward", backward), Part("clip + optimizer", optimizer), Part("other (zero_grad, batch, loss read)", other));
        }
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
