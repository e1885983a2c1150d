using DslRunner.Native;
using DslRunner.Sparsity;
using Xunit.Abstractions;

namespace DslRunner.Tests.Sparsity;

public class SparseInferenceBenchmarkTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void SparseAndDenseProductsAgreeAndEveryKernelIsTimedByTheMedianOfItsRepetitions(double sparsity)
    {
        TorchRuntime.Configure(threads: 1, seed: 1);
        // A scripted clock: the kernels, in whatever order they are timed, take 9, 2 and 1 ms times 1, 2, 3 and 4,
        // so each median is 2, 4, 6 or 8 ms (the mean would be 4, 8, 12 or 16; the first or last repetition differs too).
        long now = 0;
        int reading = 0;
        double[] pattern = [9, 2, 1];
        long Clock()
        {
            int interval = reading / 2, kernel = interval / pattern.Length;
            if (reading++ % 2 == 1) now += (long)(pattern[interval % pattern.Length] * (kernel + 1) * System.Diagnostics.Stopwatch.Frequency / 1000);
            return now;
        }

        var speed = SparseInferenceBenchmark.Measure(rows: 64, columns: 48, batch: 3, sparsity, repetitions: 3, seed: 9, clock: Clock);

        output.WriteLine(speed.ToString());
        Assert.True(speed.MaxDifference < 1e-4, $"max |difference| {speed.MaxDifference}");
        Assert.Equal(24, reading);
        Assert.Equal([2.0, 4.0, 6.0, 8.0],
            new[] { speed.DenseTorchMs, speed.SparseTorchMs, speed.DenseKernelMs, speed.CsrKernelMs }.Select(t => Math.Round(t, 6)).Order());
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
