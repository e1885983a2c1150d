using DslRunner.Native;
using DslRunner.Sparsity;
using static TorchSharp.torch;

namespace DslRunner.Tests.Sparsity;

public class CsrMatrixTests
{
    public CsrMatrixTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void StoresValuesColumnsAndRowPointersRowByRow()
    {
        using var dense = tensor(new float[] { 0, 2, 0, 0, 0, 0, 3, 0, 4 }, [3, 3]);

        var csr = CsrMatrix.FromDense(dense);

        Assert.Equal([2f, 3, 4], csr.Values);
        Assert.Equal([1, 0, 2], csr.ColumnIndices);
        Assert.Equal([0, 1, 1, 3], csr.RowPointers);
        Assert.Equal(4 * (3 + 3 + 4), csr.StoredBytes);
        Assert.Equal(4 * 9, csr.DenseBytes);
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.9)]
    [InlineData(4, 1.0)]
    public void RoundTripsToTheDenseMatrix(int seed, double sparsity)
    {
        var dense = RandomSparse(seed, rows: 13, columns: 29, sparsity);

        var csr = CsrMatrix.FromDense(dense);
        using var back = csr.ToDense();

        Assert.True(back.eq(dense).all().item<bool>());
        Assert.Equal(dense.ne(0).sum().item<long>(), csr.NonZeros);
    }

    [Fact]
    public void RoundTripsThroughItsBinaryForm()
    {
        var csr = CsrMatrix.FromDense(RandomSparse(5, rows: 7, columns: 11, sparsity: 0.7));
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) csr.WriteTo(writer);
        buffer.Position = 0;

        var read = CsrMatrix.ReadFrom(new BinaryReader(buffer));

        Assert.Equal(12 + csr.StoredBytes, buffer.Length);
        Assert.Equal(csr.Values, read.Values);
        Assert.Equal(csr.ColumnIndices, read.ColumnIndices);
        Assert.Equal(csr.RowPointers, read.RowPointers);
        Assert.Equal((csr.Rows, csr.Columns), (read.Rows, read.Columns));
    }

    [Fact]
    public void MultipliesAVectorLikeTheDenseMatrix()
    {
        using var dense = RandomSparse(6, rows: 9, columns: 17, sparsity: 0.8);
        float[] x = Enumerable.Range(0, 17).Select(i => (float)Math.Sin(i)).ToArray();
        var y = new float[9];

        CsrMatrix.FromDense(dense).Multiply(x, y);

        using var expected = dense.matmul(tensor(x));
        Assert.True(tensor(y).allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    static Tensor RandomSparse(int seed, int rows, int columns, double sparsity)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var values = randn([rows, columns], generator: generator);
        var keep = rand([rows, columns], generator: generator).ge(sparsity);
        return values * keep;
    }
}
