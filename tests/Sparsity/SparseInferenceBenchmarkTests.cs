using DslRunner.Native;
using DslRunner.Sparsity;
using Xunit.Abstractions;

namespace DslRunner.Tests.Sparsity;

public class SparseInferenceBenchmarkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void SparseAndDenseProductsAgreeAndEveryKernelIsTimed(double sparsity)
    {
        TorchRuntime.Configure(threads: 1, seed: 1);

        var speed = SparseInferenceBenchmark.Measure(rows: 64, columns: 48, batch: 3, sparsity, repetitions: 3, seed: 9);

        output.WriteLine(speed.ToString());
        Assert.True(speed.MaxDifference < 1e-4, $"max |difference| {speed.MaxDifference}");
        Assert.All(new[] { speed.DenseTorchMs, speed.SparseTorchMs, speed.DenseKernelMs, speed.CsrKernelMs }, t => Assert.True(t > 0));
    }

    [Fact]
    public void TableGivesEachSpeedUpAsDenseTimeOverSparseTime()
    {
        var speed = new SparseSpeed(Rows: 4, Columns: 8, Batch: 2, Sparsity: 0.9, TorchThreads: 1,
            DenseTorchMs: 1, SparseTorchMs: 4, DenseKernelMs: 3, CsrKernelMs: 0.5, MaxDifference: 0);

        string table = SparseInferenceBenchmark.ToMarkdown([speed]);

        Assert.Equal("| 4×8 | 2 | 0.90 | 1.000 | 4.000 | 3.000 | 0.500 | 0.25× | 6.00× | 2.00× |", table.Split('\n')[2].TrimEnd('\r'));
    }
}
