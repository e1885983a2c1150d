namespace DslRunner.Geometry;

/// <summary>The compute a training run costs, by the usual 6·N·D estimate.</summary>
public static class TrainingCost
{
    /// <summary>
    /// 6·N·D floating-point operations: about 2·N per token for the forward pass and 4·N for the backward pass,
    /// with N every trainable parameter (embeddings included, tied weights once) and D the tokens trained on.
    /// </summary>
    public static double Flops(long parameters, long tokens) => 6.0 * parameters * tokens;
}
