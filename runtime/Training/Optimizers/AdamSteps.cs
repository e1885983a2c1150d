using DslRunner.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace DslRunner.Training.Optimizers;

/// <summary>The moment update Adam and AdamW share, written as TorchSharp writes it, with owned scalars.</summary>
static class AdamSteps
{
    /// <summary>The scalars every parameter of a group uses; disposed after the group's step.</summary>
    public sealed class MomentScalars(double beta1, double beta2, double eps) : IDisposable
    {
        public readonly double Beta1 = beta1, Beta2 = beta2;
        public readonly Scalar Beta1Scalar = beta1.ToScalar(), Beta2Scalar = beta2.ToScalar();
        public readonly Scalar OneMinusBeta1 = (1 - beta1).ToScalar(), OneMinusBeta2 = (1 - beta2).ToScalar();
        public readonly Scalar Eps = eps.ToScalar();

        public void Dispose()
        {
            Beta1Scalar.Dispose();
            Beta2Scalar.Dispose();
            OneMinusBeta1.Dispose();
            OneMinusBeta2.Dispose();
            Eps.Dispose();
        }
    }

    /// <summary>The options TorchSharp supports that this runtime never sets, refused rather than silently ignored.</summary>
    public static void RejectUnsupported(bool amsgrad, bool maximize)
    {
        if (amsgrad || maximize) throw new NotSupportedException("amsgrad and maximize are not supported by the runtime's Adam steps");
    }

    /// <summary>exp_avg, exp_avg_sq and the parameter after one step (<paramref name="step"/> counts from 1).</summary>
    public static void Update(Tensor param, Tensor grad, Tensor gradConj, Tensor expAvg, Tensor expAvgSq, long step, double lr, MomentScalars moments)
    {
        double biasCorrection1 = 1 - Math.Pow(moments.Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(moments.Beta2, step);
        expAvg.mul_(moments.Beta1Scalar).add_(grad, moments.OneMinusBeta1);
        expAvgSq.mul_(moments.Beta2Scalar).addcmul_(grad, gradConj, moments.OneMinusBeta2);
        using var root = Math.Sqrt(biasCorrection2).ToScalar();
        using var stepSize = (-(lr / biasCorrection1)).ToScalar();
        var denom = expAvgSq.sqrt().div(root).add_(moments.Eps, Scalars.One);
        param.addcdiv_(expAvg, denom, stepSize);
    }
}
