using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>Bytes of the trained weights stored dense (float32) and as CSR matrices.</summary>
public sealed class StoredBytesMeasure : IBuiltInMeasure
{
    public MeasureDescriptor Descriptor { get; } = MeasureCatalog.Named("stored_bytes");

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        var stored = input.Stored ?? Sparsity.StoredSize.Of(input.Model);
        values["stored_bytes_dense"] = stored.DenseBytes;
        values["stored_bytes_csr"] = stored.CsrBytes;
    }
}
