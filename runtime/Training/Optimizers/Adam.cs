using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Training.Optimizers;

/// <summary>TorchSharp's Adam (L2 weight decay added to the gradient), step for step, with scalars owned and the name kept as in <see cref="AdamW"/>.</summary>
public sealed class Adam(IEnumerable<TorchSharp.Modules.Adam.ParamGroup> groups, double lr) : TorchSharp.Modules.Adam(groups, lr)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        AdamSteps.RejectUnsupported(options.amsgrad!.Value, options.maximize!.Value);
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value;
        double lr = options.LearningRate!.Value, weightDecay = options.weight_decay!.Value;
        using var decay = weightDecay.ToScalar();
        using var moments = new AdamSteps.MomentScalars(beta1, beta2, eps);
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            if (weightDecay != 0) grad = grad.add(param, decay);
            AdamSteps.Update(param, grad, grad.conj(), state.exp_avg, state.exp_avg_sq, state.step, lr, moments);
        }
    }, closure);
}
