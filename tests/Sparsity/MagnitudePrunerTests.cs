using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Sparsity;
using DslRunner.Tests.Geometry;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Tests.Sparsity;

public class MagnitudePrunerTests
{
    [Theory]
    [InlineData(PruningScope.Global)]
    [InlineData(PruningScope.Layer)]
    public void ReachesTheTargetSparsityExactlyAtEndWhileTraining(PruningScope scope)
    {
        using var model = TestModels.TinyGpt(seed: 2);
        using var pruner = new MagnitudePruner(new SparsityConfig(PruningMethod.Magnitude, 0.73, Start: 2, End: 8, scope, Every: 2), model);
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2);

        for (int step = 1; step <= 8; step++)
        {
            int current = step;
            TrainStep(model, optimizer, () => pruner.OnStepEnd(current)); // masks made inside a step's scope must outlive it
        }

        long zeros = Matrices(model).Sum(m => m.eq(0).sum().item<long>());
        Assert.InRange(zeros, Math.Round(0.73 * pruner.PrunableWeights) - 1, Math.Round(0.73 * pruner.PrunableWeights) + 1);
        Assert.Equal(0.73, pruner.TargetSparsity);
        if (scope == PruningScope.Layer)
            Assert.All(Matrices(model), m => Assert.InRange(m.eq(0).sum().item<long>(), Math.Round(0.73 * m.numel()) - 1, Math.Round(0.73 * m.numel()) + 1));
    }

    [Fact]
    public void FollowsTheScheduleBetweenStartAndEnd()
    {
        using var model = TestModels.TinyGpt(seed: 2);
        using var pruner = new MagnitudePruner(new SparsityConfig(PruningMethod.Magnitude, 0.8, Start: 2, End: 10, PruningScope.Global, Every: 2), model);

        for (int step = 1; step <= 6; step++) pruner.OnStepEnd(step);

        // cubic ramp at step 6: f = 0.5, s = 0.8·(1 − 0.5³) = 0.7
        Assert.Equal(Math.Round(0.7 * pruner.PrunableWeights), pruner.MeasuredSparsity() * pruner.PrunableWeights, 0.5);
    }

    [Fact]
    public void PrunedWeightsStayZeroAfterOptimizerSteps()
    {
        using var model = TestModels.TinyGpt(seed: 4);
        using var pruner = new MagnitudePruner(new SparsityConfig(PruningMethod.Magnitude, 0.6, Start: 1, End: 1, PruningScope.Layer, Every: 1), model);
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2, weight_decay: 0.1);
        TrainStep(model, optimizer);
        pruner.OnStepEnd(1);
        var pruned = Matrices(model).Select(m => m.eq(0)).ToList();

        TrainStep(model, optimizer);
        Assert.Contains(Matrices(model).Zip(pruned), p => p.First.masked_select(p.Second).abs().sum().item<float>() > 0); // the optimizer revives them…

        pruner.OnStepEnd(2);
        for (int step = 3; step <= 6; step++)
        {
            int current = step;
            TrainStep(model, optimizer, () => pruner.OnStepEnd(current));
        }
        foreach (var (matrix, mask) in Matrices(model).Zip(pruned))
            Assert.Equal(0, matrix.masked_select(mask).abs().sum().item<float>()); // …and the masks put them back to zero
    }

    [Fact]
    public void AResumedRunKeepsThePrunedWeightsOfItsCheckpointAtZero()
    {
        using var model = TestModels.TinyGpt(seed: 6);
        var config = new SparsityConfig(PruningMethod.Magnitude, 0.6, Start: 2, End: 10, PruningScope.Global, Every: 4);
        using (var before = new MagnitudePruner(config, model))
            for (int step = 1; step <= 7; step++) before.OnStepEnd(step); // last pruning at step 6
        var pruned = Matrices(model).Select(m => m.eq(0)).ToList();
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2);
        using var resumed = new MagnitudePruner(config, model);

        resumed.ResumeAt(7);
        TrainStep(model, optimizer);
        resumed.OnStepEnd(8);

        Assert.Equal(new PruningSchedule(config).SparsityAt(6), resumed.TargetSparsity);
        foreach (var (matrix, mask) in Matrices(model).Zip(pruned))
            Assert.Equal(0, matrix.masked_select(mask).abs().sum().item<float>());
    }

    [Theory]
    [InlineData(PruningScope.Global)]
    [InlineData(PruningScope.Layer)]
    public void PrunesTheSmallestMagnitudes(PruningScope scope)
    {
        using var model = TestModels.TinyGpt(seed: 5);
        var before = Matrices(model).Select(m => m.abs().clone()).ToList();
        using var pruner = new MagnitudePruner(new SparsityConfig(PruningMethod.Magnitude, 0.5, 0, 0, scope, 1), model);

        pruner.Prune(0.5);

        var prunedMagnitudes = Matrices(model).Zip(before).Select(p => p.Second.masked_select(p.First.eq(0))).ToList();
        var keptMagnitudes = Matrices(model).Zip(before).Select(p => p.Second.masked_select(p.First.ne(0))).ToList();
        if (scope == PruningScope.Global)
            Assert.True(cat(prunedMagnitudes).max().item<float>() <= cat(keptMagnitudes).min().item<float>());
        else
            for (int i = 0; i < prunedMagnitudes.Count; i++)
                Assert.True(prunedMagnitudes[i].max().item<float>() <= keptMagnitudes[i].min().item<float>());
    }

    [Theory]
    [InlineData(PruningScope.Global)]
    [InlineData(PruningScope.Layer)]
    public void OnlyLayerScopeGivesEveryMatrixTheSameSparsity(PruningScope scope)
    {
        using var model = TestModels.TinyGpt(seed: 5);
        using (no_grad()) model.TokenVectors.mul_(100); // now the largest weights of the model
        using var pruner = new MagnitudePruner(new SparsityConfig(PruningMethod.Magnitude, 0.5, 0, 0, scope, 1), model);

        pruner.Prune(0.5);

        var layers = pruner.LayerSparsity().ToDictionary(l => l.Name, l => l.Sparsity);
        Assert.Equal(0.5, pruner.MeasuredSparsity(), 0.001);
        if (scope == PruningScope.Global) Assert.True(layers["tokenEmbedding.weight"] < 0.05);
        else Assert.All(layers.Values, s => Assert.Equal(0.5, s, 0.02));
    }

    /// <summary>One optimizer step inside a dispose scope, as the trainer runs it, then <paramref name="afterStep"/> in the same scope.</summary>
    static void TrainStep(LanguageModel model, optim.Optimizer optimizer, Action? afterStep = null)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var tokens = randint(0, model.VocabularySize, [4, model.Context]);
        var logits = model.call(tokens);
        nn.functional.cross_entropy(logits.reshape(-1, model.VocabularySize), tokens.roll(-1, 1).reshape(-1)).backward();
        optimizer.step();
        afterStep?.Invoke();
    }

    static List<Tensor> Matrices(LanguageModel model) => model.parameters().Where(p => p.dim() >= 2).Select(p => (Tensor)p).ToList();
}
