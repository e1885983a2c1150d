using DslRunner.Config;

namespace DslRunner.Sweeps;

/// <summary>What a point costs before it runs: training tokens, FLOPs, and a time estimate when the machine has a measured rate.</summary>
/// <param name="Tokens">Tokens trained on: steps × batch × accumulation × context.</param>
/// <param name="Flops">Training FLOPs, 6 × (non-embedding parameters) × tokens.</param>
/// <param name="EstimatedSeconds">From <see cref="Flops"/> and the FLOP rate finished runs measured on this CPU; null when none is recorded.</param>
public sealed record PointCost(long Tokens, double Flops, double? EstimatedSeconds)
{
    public static long TrainingTokens(ExperimentConfig config) =>
        (long)config.Train.Steps * config.Train.Batch * config.Train.Accumulation * config.Model.Context;

    public static double TrainingFlops(ExperimentConfig config) => 6.0 * config.Model.NonEmbeddingParameters() * TrainingTokens(config);

    public static PointCost Estimate(ExperimentConfig config, double? flopsPerSecond)
    {
        double flops = TrainingFlops(config);
        return new PointCost(TrainingTokens(config), flops, flopsPerSecond is > 0 ? flops / flopsPerSecond : null);
    }
}
