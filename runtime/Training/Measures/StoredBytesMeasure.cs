using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Bytes of the trained weights stored dense (float32) and as CSR matrices.</summary>
public sealed class StoredBytesMeasure : IBuiltInMeasure
{
    const string Dense = "stored_bytes_dense", Csr = "stored_bytes_csr";

    public MeasureDescriptor Descriptor { get; } =
        new("stored_bytes", "Bytes of the trained weights stored dense and as CSR", MeasureTime.EndOfTraining, Listed: false, [Dense, Csr])
        {
            Range = FigureRange.NonNegative,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        var stored = input.Stored ?? Sparsity.StoredSize.Of(input.Model);
        values[Dense] = stored.DenseBytes;
        values[Csr] = stored.CsrBytes;
    }
}
