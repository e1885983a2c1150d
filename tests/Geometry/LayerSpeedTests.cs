using DslRunner.Native;
using DslRunner.Sparsity;

namespace DslRunner.Tests.Geometry;

public sealed class LayerSpeedTests
{
    public LayerSpeedTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Every_linear_layer_of_the_model_is_timed_dense_against_sparse_once_per_repetition()
    {
        using var model = TestModels.TinyGpt();
        // A clock that advances one tick per reading: each timed pass spans one tick, dense and sparse alike.
        long ticks = 0;

        var speed = LayerSpeed.Measure(model, tokens: 4, repetitions: 30, seed: 1, clock: () => ticks++);

        // One block of the tiny GPT (d 8): the MLP's two layers, attention's qkv (24 × 8) and projection, then the dot head.
        Assert.Equal([(32L, 8L), (8L, 32L), (24L, 8L), (8L, 8L), (11L, 8L)], speed.Layers);
        Assert.Equal(30, speed.Ratios.Count);
        Assert.All(speed.Ratios, r => Assert.Equal(1.0, r));
        Assert.Equal(1.0, speed.Median);
        Assert.Equal(2 * (30 + 2) * 2, ticks);    // two readings per pass, two passes per repetition, two warm-ups
    }
}
