using System.Runtime.InteropServices;
using System.Text;
using DslRunner.Models;
using static TorchSharp.torch;

namespace DslRunner.Sparsity;

/// <summary>How <see cref="SparseExport"/> stores the weight matrices.</summary>
public enum MatrixEncoding
{
    /// <summary>Every entry, float32.</summary>
    Dense,
    /// <summary>Compressed sparse rows (<see cref="CsrMatrix"/>); smaller than dense only above ~50% sparsity.</summary>
    Csr,
}

/// <summary>
/// Writes a model's parameters to one file — weight matrices (two or more dimensions, flattened to
/// (first dimension, rest)) in the chosen <see cref="MatrixEncoding"/>, everything else dense — and reads them back,
/// so the stored size of a pruned model can be measured against the dense one.
/// </summary>
/// <remarks>
/// Layout, little-endian: "DSLW", version (int32), tensor count (int32); then per tensor its name
/// (length-prefixed UTF-8), encoding (byte: 0 dense, 1 CSR), rank (int32), each dimension (int64), and
/// the data: float32 entries for dense, <see cref="CsrMatrix.WriteTo"/> for CSR.
/// </remarks>
public static class SparseExport
{
    static readonly byte[] Magic = "DSLW"u8.ToArray();
    const int Version = 1;

    /// <summary>Writes the file and returns its measured size in bytes.</summary>
    public static long Save(LanguageModel model, string path, MatrixEncoding encoding)
    {
        var parameters = model.named_parameters().ToList();
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(parameters.Count);
            foreach (var (name, parameter) in parameters)
            {
                bool sparse = encoding == MatrixEncoding.Csr && parameter.dim() >= 2;
                writer.Write(name);
                writer.Write((byte)(sparse ? MatrixEncoding.Csr : MatrixEncoding.Dense));
                writer.Write((int)parameter.dim());
                foreach (long size in parameter.shape) writer.Write(size);
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var host = parameter.detach().to(ScalarType.Float32, CPU).contiguous();
                if (sparse) CsrMatrix.FromDense(host.reshape(host.shape[0], -1)).WriteTo(writer);
                else writer.Write(MemoryMarshal.AsBytes(host.data<float>().ToArray().AsSpan()));
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    /// <summary>Reads a file written by <see cref="Save"/>: each parameter's name and float32 values in its shape.</summary>
    public static IReadOnlyList<(string Name, Tensor Value)> Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException($"{path} is not a DslRunner weights file");
        int version = reader.ReadInt32();
        if (version != Version) throw new InvalidDataException($"{path} has format version {version}; this runtime reads {Version}");
        int count = reader.ReadInt32();
        var tensors = new List<(string, Tensor)>(count);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            var encoding = (MatrixEncoding)reader.ReadByte();
            var shape = new long[reader.ReadInt32()];
            for (int d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
            Tensor value;
            if (encoding == MatrixEncoding.Csr)
            {
                using var flat = CsrMatrix.ReadFrom(reader).ToDense();
                value = flat.reshape(shape);
            }
            else
            {
                var entries = new float[shape.Aggregate(1L, (a, b) => a * b)];
                stream.ReadExactly(MemoryMarshal.AsBytes(entries.AsSpan()));
                value = tensor(entries, shape);
            }
            tensors.Add((name, value));
        }
        return tensors;
    }
}
