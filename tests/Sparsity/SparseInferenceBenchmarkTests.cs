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
        Assert.Equal(1, speed.TorchThreads);
    }
}
