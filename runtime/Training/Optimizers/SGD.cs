using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Training.Optimizers;

/// <summary>TorchSharp's SGD (momentum, dampening, Nesterov, weight decay), step for step, with scalars owned and the name kept as in <see cref="AdamW"/>.</summary>
public sealed class SGD(IEnumerable<TorchSharp.Modules.SGD.ParamGroup> groups, double lr, double momentum) : TorchSharp.Modules.SGD(groups, lr, momentum)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        double momentum = options.momentum!.Value, dampening = options.dampening!.Value, weightDecay = options.weight_decay!.Value;
        bool nesterov = options.nesterov!.Value;
        double lr = options.LearningRate!.Value;
        using var decay = weightDecay.ToScalar();
        using var momentumScalar = momentum.ToScalar();
        using var undamped = (1 - dampening).ToScalar();
        using var rate = (options.maximize!.Value ? lr : -lr).ToScalar();
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (weightDecay != 0) grad = grad.add(param, decay);
            if (momentum != 0)
            {
                var buffer = state.momentum_buffer;
                if (buffer is null)
                {
                    buffer = grad.clone().detach().DetachFromDisposeScope();
                    state.momentum_buffer = buffer;
                }
                else buffer.mul_(momentumScalar).add_(grad, undamped);
                grad = nesterov ? grad.add(buffer, momentumScalar) : buffer;
            }
            param.add_(grad, rate);
        }
    }, closure);
}
