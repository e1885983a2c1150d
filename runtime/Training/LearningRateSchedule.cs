using DslRunner.Config;

namespace DslRunner.Training;

/// <summary>Linear warm-up to the peak rate, then constant, linear or cosine decay to <c>MinLrRatio</c>·peak.</summary>
public sealed class LearningRateSchedule(ScheduleConfig config, double peak, int totalSteps)
{
    /// <summary>The rate for a 1-based optimizer step.</summary>
    public double At(int step)
    {
        if (config.Warmup > 0 && step <= config.Warmup) return peak * step / config.Warmup;
        double floor = peak * config.MinLrRatio;
        int decaySteps = Math.Max(1, totalSteps - config.Warmup);
        double progress = Math.Clamp((double)(step - config.Warmup) / decaySteps, 0, 1);
        return config.Decay switch
        {
            DecayKind.Constant => peak,
            DecayKind.Linear => floor + (peak - floor) * (1 - progress),
            DecayKind.Cosine => floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Decay, null),
        };
    }
}
