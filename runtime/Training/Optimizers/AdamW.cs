using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Training.Optimizers;

/// <summary>
/// TorchSharp's AdamW with the same operations in the same order (so the same bits), but every scalar the step hands
/// libtorch is owned here and disposed after the call that reads it: TorchSharp's own step converts numbers
/// implicitly, and a collection during the native call could free such a scalar. The class keeps TorchSharp's name
/// because the saved state dictionary starts with it: checkpoints stay byte for byte what they were, and old ones load.
/// </summary>
public sealed class AdamW(IEnumerable<TorchSharp.Modules.AdamW.ParamGroup> groups, double lr) : TorchSharp.Modules.AdamW(groups, lr)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        AdamSteps.RejectUnsupported(options.amsgrad!.Value, options.maximize!.Value);
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value;
        double lr = options.LearningRate!.Value, weightDecay = options.weight_decay!.Value;
        using var decay = (1 - lr * weightDecay).ToScalar();
        using var moments = new AdamSteps.MomentScalars(beta1, beta2, eps);
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            param.mul_(decay);
            AdamSteps.Update(param, grad, grad, state.exp_avg, state.exp_avg_sq, state.step, lr, moments);
        }
    }, closure);
}
