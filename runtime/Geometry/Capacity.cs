using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Geometry;

/// <summary>
/// Seed 000's capacity of a set of token vectors: the mean pairwise cosine distance
/// C = (1/n²)·Σ_{i,j} (1 − cos(v_i, v_j)), over all ordered pairs, the diagonal included.
/// </summary>
/// <remarks>
/// Σ_{i,j} cos(v_i, v_j) = Σ_{i,j} v̂_i·v̂_j = ‖Σ_i v̂_i‖², so C = 1 − ‖Σ_i v̂_i‖²/n² costs O(n·d) instead of O(n²·d).
/// A zero vector has no direction: it is normalised to zero, i.e. counted as orthogonal to every vector, itself included.
/// </remarks>
public static class Capacity
{
    /// <summary>C of the rows of <paramref name="vectors"/> (n, d) as a differentiable scalar in their dtype.</summary>
    public static Tensor Of(Tensor vectors)
    {
        if (vectors.dim() != 2) throw new ArgumentException($"token vectors must be (n, d), got {vectors.dim()} dimensions", nameof(vectors));
        using var scope = NewDisposeScope();
        long n = vectors.shape[0];
        var unit = nn.functional.normalize(vectors, p: 2, dim: 1);   // (n, d)
        var sum = unit.sum(dim: 0);                                    // (d)
        var capacity = sum.dot(sum).DividedBy((double)n * n).OneMinus();
        return capacity.MoveToOuterDisposeScope();
    }

    /// <summary>C of the rows of <paramref name="vectors"/>, computed in float64 without tracking gradients.</summary>
    public static double Measure(Tensor vectors)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Of(vectors.to_type(ScalarType.Float64)).item<double>();
    }
}
