using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Tests.Training;

/// <summary>The runtime's optimizer steps give TorchSharp's bits: weights and moments, over 50 steps, and across a state restore.</summary>
public sealed class ScalarSafeOptimizerTests
{
    const int Steps = 50;

    static OptimizerConfig Config(OptimizerKind kind) =>
        new(kind, Lr: 3e-3, WeightDecay: 0.1, Beta1: 0.9, Beta2: 0.95, Momentum: 0.9);

    static LanguageModel Model()
    {
        manual_seed(17);
        return TestExperiment.Tiny().Model.Build(vocabularySize: 40);
    }

    /// <summary>TorchSharp's own optimizer over the groups <see cref="OptimizerFactory"/> makes.</summary>
    static optim.Optimizer TorchSharpOptimizer(LanguageModel model, OptimizerConfig config)
    {
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        var decayed = parameters.Where(p => p.dim() >= 2).ToList();
        var undecayed = parameters.Where(p => p.dim() < 2).ToList();
        return config.Kind switch
        {
            OptimizerKind.AdamW => optim.AdamW(
                [new AdamW.ParamGroup(decayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: config.WeightDecay),
                 new AdamW.ParamGroup(undecayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: 0)], lr: config.Lr),
            OptimizerKind.Adam => optim.Adam(
                [new Adam.ParamGroup(decayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: config.WeightDecay),
                 new Adam.ParamGroup(undecayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: 0)], lr: config.Lr),
            _ => optim.SGD(
                [new SGD.ParamGroup(decayed, lr: config.Lr, momentum: config.Momentum, weight_decay: config.WeightDecay),
                 new SGD.ParamGroup(undecayed, lr: config.Lr, momentum: config.Momentum, weight_decay: 0)],
                learningRate: config.Lr, momentum: config.Momentum),
        };
    }

    /// <summary>Real gradients of the language-model loss on a seeded batch, then one step at a changing rate.</summary>
    static void Step(LanguageModel model, optim.Optimizer optimizer, int step)
    {
        using var scope = NewDisposeScope();
        OptimizerFactory.SetLearningRate(optimizer, 3e-3 * (1 + Math.Cos(step * 0.1)) / 2);
        optimizer.zero_grad();
        var generator = new torch.Generator((ulong)step);
        var inputs = randint(0, 40, new long[] { 4, 16 }, generator: generator);
        var targets = randint(0, 40, new long[] { 4, 16 }, generator: generator);
        var logits = model.call(inputs);
        nn.functional.cross_entropy(logits.reshape(-1, 40), targets.reshape(-1)).backward();
        optimizer.step();
    }

    static byte[] State(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ((OptimizerHelper)optimizer).save_state_dict(writer);
        return stream.ToArray();
    }

    static byte[] Weights(LanguageModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            foreach (var parameter in model.parameters()) parameter.Save(writer);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sgd)]
    public void Fifty_steps_give_torchsharps_weights_and_moments_bit_for_bit(OptimizerKind kind)
    {
        using var expectedModel = Model();
        using var actualModel = Model();
        using var expected = TorchSharpOptimizer(expectedModel, Config(kind));
        using var actual = OptimizerFactory.Create(actualModel, Config(kind));
        Assert.NotEqual(expected.GetType(), actual.GetType());
        Assert.Equal(expected.GetType().Name, actual.GetType().Name);
        byte[] initial = Weights(expectedModel);
        for (int step = 1; step <= Steps; step++)
        {
            Step(expectedModel, expected, step);
            Step(actualModel, actual, step);
        }
        Assert.NotEqual(initial, Weights(expectedModel));
        Assert.Equal(Weights(expectedModel), Weights(actualModel));
        Assert.Equal(State(expected), State(actual));
    }

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Sgd)]
    public void State_saved_by_torchsharps_optimizer_restores_into_the_runtimes_and_continues_with_the_same_bits(OptimizerKind kind)
    {
        using var expectedModel = Model();
        using var resumedModel = Model();
        using var expected = TorchSharpOptimizer(expectedModel, Config(kind));
        for (int step = 1; step <= Steps / 2; step++) Step(expectedModel, expected, step);
        using (no_grad())
            foreach (var (target, source) in resumedModel.parameters().Zip(expectedModel.parameters())) target.copy_(source);
        using var resumed = OptimizerFactory.Create(resumedModel, Config(kind));
        using (var reader = new BinaryReader(new MemoryStream(State(expected))))
            ((OptimizerHelper)resumed).load_state_dict(reader);
        for (int step = Steps / 2 + 1; step <= Steps; step++)
        {
            Step(expectedModel, expected, step);
            Step(resumedModel, resumed, step);
        }
        Assert.Equal(Weights(expectedModel), Weights(resumedModel));
        Assert.Equal(State(expected), State(resumed));
    }

    [Fact]
    public void Adam_options_the_runtime_never_sets_are_refused_at_the_first_step_instead_of_ignored()
    {
        using var model = Model();
        using var optimizer = new DslRunner.Training.Optimizers.AdamW([new AdamW.ParamGroup(model.parameters(), amsgrad: true)], lr: 1e-3);
        var error = Assert.Throws<NotSupportedException>(() => Step(model, optimizer, 1));
        Assert.Contains("amsgrad", error.Message);
    }
}
