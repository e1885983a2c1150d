using DslRunner.Geometry;
using DslRunner.Native;
using static TorchSharp.torch;

namespace DslRunner.Tests.Geometry;

public class CapacityTests
{
    public CapacityTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(2, 17, 5)]
    [InlineData(3, 64, 16)]
    [InlineData(4, 200, 7)]
    public void IdentityEqualsTheNaiveDoubleSumOverAllPairs(int seed, int count, int width)
    {
        var random = new Random(seed);
        var rows = new double[count * width];
        for (int i = 0; i < rows.Length; i++) rows[i] = random.NextDouble() * 2 - 1 + (i % width == 0 ? 0.3 : 0); // not centred
        using var vectors = tensor(rows, [count, width], ScalarType.Float64);

        double fast = Capacity.Measure(vectors);

        Assert.Equal(NaiveCapacity(rows, count, width), fast, 1e-12);
    }

    [Fact]
    public void OrthogonalVectorsHaveCapacityOneMinusOneOverN()
    {
        using var vectors = eye(5, dtype: ScalarType.Float64) * 3.0;

        Assert.Equal(1 - 1.0 / 5, Capacity.Measure(vectors), 1e-12);
    }

    [Fact]
    public void ParallelVectorsOfAnyLengthHaveCapacityZero()
    {
        using var vectors = tensor(new double[] { 1, 2, 2, 4, 0.5, 1 }, [3, 2], ScalarType.Float64);

        Assert.Equal(0, Capacity.Measure(vectors), 1e-12);
    }

    [Fact]
    public void OppositePairsReachCapacityOne()
    {
        using var vectors = tensor(new double[] { 1, 0, -1, 0, 0, 2, 0, -2 }, [4, 2], ScalarType.Float64);

        Assert.Equal(1, Capacity.Measure(vectors), 1e-12);
    }

    [Fact]
    public void OfKeepsTheDtypeAndTracksGradients()
    {
        using var vectors = randn(6, 3).requires_grad_();
        using var capacity = Capacity.Of(vectors);

        Assert.Equal(ScalarType.Float32, capacity.dtype);
        Assert.True(capacity.requires_grad);
        Assert.Equal(0, capacity.dim());
    }

    /// <summary>C by its definition, pair by pair: the independent reference for the runtime's O(n·d) form.</summary>
    internal static double NaiveCapacity(double[] rows, int count, int width)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
            for (int j = 0; j < count; j++)
            {
                double dot = 0, ni = 0, nj = 0;
                for (int k = 0; k < width; k++)
                {
                    double a = rows[i * width + k], b = rows[j * width + k];
                    dot += a * b;
                    ni += a * a;
                    nj += b * b;
                }
                sum += 1 - dot / Math.Sqrt(ni * nj);
            }
        return sum / ((double)count * count);
    }
}
