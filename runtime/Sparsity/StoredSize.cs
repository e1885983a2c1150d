using DslRunner.Native;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Sparsity;

/// <summary>How sparse a model's weight matrices are and what its parameters take to store, by the array sizes alone.</summary>
/// <param name="MatrixSparsity">Fraction of the weight-matrix entries (two or more dimensions) that are exactly zero.</param>
/// <param name="DenseBytes">Every parameter in float32.</param>
/// <param name="CsrBytes">Weight matrices as <see cref="CsrMatrix"/> arrays, every other parameter in float32.</param>
public sealed record StoredSize(double MatrixSparsity, long DenseBytes, long CsrBytes)
{
    public static StoredSize Of(LanguageModel model)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long matrixEntries = 0, zeros = 0, dense = 0, csr = 0;
        foreach (var parameter in model.parameters())
        {
            long entries = parameter.numel();
            dense += 4 * entries;
            if (parameter.dim() < 2)
            {
                csr += 4 * entries;
                continue;
            }
            long zero = parameter.eq(Scalars.Zero).sum().item<long>();
            long rows = parameter.shape[0];
            matrixEntries += entries;
            zeros += zero;
            csr += 4 * (2 * (entries - zero) + rows + 1);
        }
        return new StoredSize(matrixEntries == 0 ? 0 : (double)zeros / matrixEntries, dense, csr);
    }
}
