using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace DslRunner.Sparsity;

/// <summary>
/// A matrix in compressed sparse row form: the non-zero values row by row (float32), the column of each
/// (int32), and for each row where its values start, plus the total (int32, Rows + 1 entries).
/// </summary>
public sealed class CsrMatrix
{
    public CsrMatrix(int rows, int columns, float[] values, int[] columnIndices, int[] rowPointers)
    {
        if (values.Length != columnIndices.Length) throw new ArgumentException("every value needs one column index", nameof(columnIndices));
        if (rowPointers.Length != rows + 1 || rowPointers[0] != 0 || rowPointers[^1] != values.Length)
            throw new ArgumentException($"row pointers must run from 0 to {values.Length} over {rows + 1} entries", nameof(rowPointers));
        (Rows, Columns, Values, ColumnIndices, RowPointers) = (rows, columns, values, columnIndices, rowPointers);
    }

    public int Rows { get; }
    public int Columns { get; }
    public float[] Values { get; }
    public int[] ColumnIndices { get; }
    public int[] RowPointers { get; }

    public int NonZeros => Values.Length;

    /// <summary>Bytes of the three arrays: 4·(2·non-zeros + rows + 1).</summary>
    public long StoredBytes => 4L * (Values.Length + ColumnIndices.Length + RowPointers.Length);

    /// <summary>Bytes of the same matrix stored densely in float32.</summary>
    public long DenseBytes => 4L * Rows * Columns;

    /// <summary>Reads a 2-D tensor (any float dtype, converted to float32); exact zeros are left out.</summary>
    public static CsrMatrix FromDense(Tensor matrix)
    {
        if (matrix.dim() != 2) throw new ArgumentException($"expected a matrix, got {matrix.dim()} dimensions", nameof(matrix));
        int rows = checked((int)matrix.shape[0]), columns = checked((int)matrix.shape[1]);
        float[] dense;
        using (no_grad())
        using (var host = matrix.detach().to(ScalarType.Float32, CPU).contiguous())
            dense = host.data<float>().ToArray();
        var values = new List<float>();
        var columnIndices = new List<int>();
        var rowPointers = new int[rows + 1];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                float value = dense[r * columns + c];
                if (value == 0) continue;
                values.Add(value);
                columnIndices.Add(c);
            }
            rowPointers[r + 1] = values.Count;
        }
        return new CsrMatrix(rows, columns, [.. values], [.. columnIndices], rowPointers);
    }

    /// <summary>The dense float32 matrix (Rows, Columns).</summary>
    public Tensor ToDense()
    {
        var dense = new float[(long)Rows * Columns];
        for (int r = 0; r < Rows; r++)
            for (int k = RowPointers[r]; k < RowPointers[r + 1]; k++)
                dense[(long)r * Columns + ColumnIndices[k]] = Values[k];
        return tensor(dense, [Rows, Columns]);
    }

    /// <summary>y = A·x, visiting only the stored values.</summary>
    public void Multiply(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != Columns || y.Length != Rows) throw new ArgumentException($"expected x of {Columns} and y of {Rows} entries");
        for (int r = 0; r < Rows; r++)
        {
            float sum = 0;
            for (int k = RowPointers[r]; k < RowPointers[r + 1]; k++) sum += Values[k] * x[ColumnIndices[k]];
            y[r] = sum;
        }
    }

    /// <summary>Writes rows, columns and non-zeros (int32), then the three arrays, little-endian.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(Rows);
        writer.Write(Columns);
        writer.Write(NonZeros);
        writer.Write(MemoryMarshal.AsBytes(RowPointers.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(ColumnIndices.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(Values.AsSpan()));
    }

    public static CsrMatrix ReadFrom(BinaryReader reader)
    {
        int rows = reader.ReadInt32(), columns = reader.ReadInt32(), nonZeros = reader.ReadInt32();
        var rowPointers = new int[rows + 1];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(rowPointers.AsSpan()));
        var columnIndices = new int[nonZeros];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(columnIndices.AsSpan()));
        var values = new float[nonZeros];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return new CsrMatrix(rows, columns, values, columnIndices, rowPointers);
    }
}
