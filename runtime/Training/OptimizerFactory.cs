using DslRunner.Config;
using DslRunner.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DslRunner.Training;

public static class OptimizerFactory
{
    /// <summary>
    /// Builds the declared optimizer. Weight decay applies to matrices only (parameters with two or more
    /// dimensions); biases, norms and scales are not decayed. The steps are TorchSharp's, bit for bit, with scalars
    /// that live across the native calls that read them (<see cref="Optimizers.AdamW"/>).
    /// </summary>
    public static optim.Optimizer Create(LanguageModel model, OptimizerConfig config)
    {
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        var decayed = parameters.Where(p => p.dim() >= 2).ToList();
        var undecayed = parameters.Where(p => p.dim() < 2).ToList();
        return config.Kind switch
        {
            OptimizerKind.AdamW => new Optimizers.AdamW(
                [new AdamW.ParamGroup(decayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: config.WeightDecay),
                 new AdamW.ParamGroup(undecayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: 0)],
                config.Lr),
            OptimizerKind.Adam => new Optimizers.Adam(
                [new Adam.ParamGroup(decayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: config.WeightDecay),
                 new Adam.ParamGroup(undecayed, lr: config.Lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: 0)],
                config.Lr),
            OptimizerKind.Sgd => new Optimizers.SGD(
                [new SGD.ParamGroup(decayed, lr: config.Lr, momentum: config.Momentum, weight_decay: config.WeightDecay),
                 new SGD.ParamGroup(undecayed, lr: config.Lr, momentum: config.Momentum, weight_decay: 0)],
                config.Lr, config.Momentum),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, "unknown optimizer"),
        };
    }

    public static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
    }
}
