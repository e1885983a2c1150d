using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Native;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Tests.Native;

/// <summary>
/// Optimizer steps while another thread collects garbage and runs finalizers without pause: a native scalar that only
/// a finalizer frees can be freed while libtorch reads it ("toFloat … Expected false to be true"), so every step must
/// keep its scalars alive across its native calls.
/// </summary>
public sealed class ScalarLifetimeTests
{
    // Counts, not a clock: the old optimizers failed within a few hundred steps; a busy machine only makes this slower.
    const int Steps = 300;
    const int Collections = 100;

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void Optimizer_steps_survive_collections_on_another_thread(OptimizerKind kind)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        // Many small parameters: many native calls, each with its scalars, per step.
        var model = ((TransformerConfig)TestExperiment.Tiny().Model with { Layers = 8, DModel = 16 }).Build(vocabularySize: 16);
        var config = new OptimizerConfig(kind, Lr: 1e-3, WeightDecay: 0.1, Beta1: 0.9, Beta2: 0.95, Momentum: 0.9);
        using var optimizer = OptimizerFactory.Create(model, config);
        foreach (var parameter in model.parameters()) parameter.grad = ones_like(parameter).mul_(1e-3.ToScalar());

        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true };
        collector.Start();
        int collectionsBefore = GC.CollectionCount(0);
        long steps = 0;
        try
        {
            // Every step overlaps collections: run until both counts are reached. A freed scalar surfaces as the
            // exception libtorch throws from step().
            while (steps < Steps || GC.CollectionCount(0) - collectionsBefore < Collections)
            {
                optimizer.step();
                steps++;
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
