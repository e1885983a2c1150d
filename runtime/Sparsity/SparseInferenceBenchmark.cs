using DslRunner.Native;
using System.Diagnostics;
using System.Globalization;
using static TorchSharp.torch;

namespace DslRunner.Sparsity;

/// <summary>
/// One measurement of sparse against dense inference: y = W·X for a magnitude-pruned W (Rows, Columns) and
/// X (Columns, Batch). Times are medians over the repetitions, in milliseconds.
/// </summary>
/// <param name="TorchThreads">libtorch's intra-op threads during the torch timings; the C# kernels use one thread.</param>
/// <param name="DenseTorchMs">torch.mm on the dense tensor.</param>
/// <param name="SparseTorchMs">torch.mm on the same matrix as a COO sparse tensor (<c>to_sparse()</c>; TorchSharp offers no CSR tensor).</param>
/// <param name="DenseKernelMs">A plain C# dense kernel, the like-for-like baseline of the CSR kernel.</param>
/// <param name="CsrKernelMs">The C# <see cref="CsrMatrix"/> kernel.</param>
/// <param name="MaxDifference">Largest |difference| between the sparse and the dense results, as a check.</param>
public sealed record SparseSpeed(
    int Rows, int Columns, int Batch, double Sparsity, int TorchThreads,
    double DenseTorchMs, double SparseTorchMs, double DenseKernelMs, double CsrKernelMs, double MaxDifference)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rows}x{Columns} · batch {Batch} · sparsity {Sparsity:0.00}: torch dense {DenseTorchMs:0.000} ms, " +
        $"torch COO {SparseTorchMs:0.000} ms ({DenseTorchMs / SparseTorchMs:0.00}x), C# dense {DenseKernelMs:0.000} ms, " +
        $"C# CSR {CsrKernelMs:0.000} ms ({DenseKernelMs / CsrKernelMs:0.00}x), torch threads {TorchThreads}, max |diff| {MaxDifference:0.0e0}");
}

/// <summary>Measures the speed of sparse against dense matrix products on this CPU (seed 003's speed claim).</summary>
public static class SparseInferenceBenchmark
{
    /// <param name="clock">Timestamps in <see cref="Stopwatch.Frequency"/> ticks; <see cref="Stopwatch.GetTimestamp"/> unless given.</param>
    public static SparseSpeed Measure(int rows, int columns, int batch, double sparsity, int repetitions, int seed, Func<long>? clock = null)
    {
        clock ??= Stopwatch.GetTimestamp;
        if (repetitions < 1) throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "at least one repetition");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var weights = randn([rows, columns], generator: generator);
        var magnitudes = weights.abs().flatten();
        long pruned = (long)Math.Round(sparsity * magnitudes.numel(), MidpointRounding.AwayFromZero);
        if (pruned > 0) weights.flatten().index_fill_(0, magnitudes.argsort().narrow(0, 0, pruned), Scalars.Zero);
        var inputs = randn([columns, batch], generator: generator);
        var sparseWeights = weights.to_sparse();

        var denseResult = weights.mm(inputs);
        double denseTorch = MedianMs(repetitions, clock, () => { using var _ = weights.mm(inputs); });
        var sparseResult = sparseWeights.mm(inputs);
        double sparseTorch = MedianMs(repetitions, clock, () => { using var _ = sparseWeights.mm(inputs); });

        var csr = CsrMatrix.FromDense(weights);
        float[] dense = weights.data<float>().ToArray();
        float[] inputColumns = inputs.t().contiguous().data<float>().ToArray(); // (Batch, Columns): one input per row
        var csrOutput = new float[batch * rows];
        var denseOutput = new float[batch * rows];
        double csrKernel = MedianMs(repetitions, clock, () => MultiplyCsr(csr, inputColumns, csrOutput, batch));
        double denseKernel = MedianMs(repetitions, clock, () => MultiplyDense(dense, rows, columns, inputColumns, denseOutput, batch));

        var expected = denseResult.t().contiguous();
        double difference = Math.Max(
            (sparseResult.to_dense() - denseResult).abs().max().item<float>(),
            (tensor(csrOutput, [batch, rows]) - expected).abs().max().item<float>());
        difference = Math.Max(difference, (tensor(denseOutput, [batch, rows]) - expected).abs().max().item<float>());
        return new SparseSpeed(rows, columns, batch, sparsity, get_num_threads(),
            denseTorch, sparseTorch, denseKernel, csrKernel, difference);
    }

    /// <summary>A Markdown table of measurements, one row each, with speed-ups (dense time / sparse time; above 1 = sparse faster).</summary>
    public static string ToMarkdown(IEnumerable<SparseSpeed> measurements)
    {
        var table = new System.Text.StringBuilder()
            .AppendLine("| matrix | batch | sparsity | torch dense ms | torch COO ms | C# dense ms | C# CSR ms | COO vs torch dense | CSR vs C# dense | CSR vs torch dense |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in measurements)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Rows}×{m.Columns} | {m.Batch} | {m.Sparsity:0.00} | {m.DenseTorchMs:0.000} | {m.SparseTorchMs:0.000} | " +
                $"{m.DenseKernelMs:0.000} | {m.CsrKernelMs:0.000} | {m.DenseTorchMs / m.SparseTorchMs:0.00}× | " +
                $"{m.DenseKernelMs / m.CsrKernelMs:0.00}× | {m.DenseTorchMs / m.CsrKernelMs:0.00}× |"));
        return table.ToString();
    }

    static void MultiplyCsr(CsrMatrix matrix, float[] inputs, float[] outputs, int batch)
    {
        for (int b = 0; b < batch; b++)
            matrix.Multiply(inputs.AsSpan(b * matrix.Columns, matrix.Columns), outputs.AsSpan(b * matrix.Rows, matrix.Rows));
    }

    static void MultiplyDense(float[] matrix, int rows, int columns, float[] inputs, float[] outputs, int batch)
    {
        for (int b = 0; b < batch; b++)
        {
            var x = inputs.AsSpan(b * columns, columns);
            for (int r = 0; r < rows; r++)
            {
                var row = matrix.AsSpan(r * columns, columns);
                float sum = 0;
                for (int c = 0; c < columns; c++) sum += row[c] * x[c];
                outputs[b * rows + r] = sum;
            }
        }
    }

    static double MedianMs(int repetitions, Func<long> clock, Action action)
    {
        action(); // warm-up
        var times = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = clock();
            action();
            times[i] = (clock() - start) * 1000.0 / Stopwatch.Frequency;
        }
        Array.Sort(times);
        return times[repetitions / 2];
    }
}
