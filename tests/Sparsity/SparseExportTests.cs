using DslRunner.Config;
using DslRunner.Sparsity;
using DslRunner.Tests.Geometry;

namespace DslRunner.Tests.Sparsity;

public sealed class SparseExportTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("dslrunner-export-").FullName;

    [Fact]
    public void APrunedModelRoundTripsThroughTheCsrFile()
    {
        using var model = TestModels.TinyGpt(seed: 3);
        using var pruner = new MagnitudePruner(new SparsityConfig(PruningMethod.Magnitude, 0.9, 0, 0, PruningScope.Global, 1), model);
        pruner.Prune(0.9);
        string path = Path.Combine(_folder, "weights.csr");

        long size = SparseExport.Save(model, path, MatrixEncoding.Csr);
        var loaded = SparseExport.Load(path);

        Assert.Equal(new FileInfo(path).Length, size);
        var parameters = model.named_parameters().ToList();
        Assert.Equal(parameters.Select(p => p.name), loaded.Select(l => l.Name));
        foreach (var ((_, parameter), (_, value)) in parameters.Zip(loaded))
            Assert.True(value.eq(parameter).all().item<bool>());
    }

    [Fact]
    public void CsrIsSmallerThanDenseWhenSparseAndLargerWhenNot()
    {
        using var model = TestModels.TinyGpt(seed: 3);
        long denseSize = SparseExport.Save(model, Path.Combine(_folder, "dense"), MatrixEncoding.Dense);
        long unprunedCsr = SparseExport.Save(model, Path.Combine(_folder, "unpruned"), MatrixEncoding.Csr);
        using var pruner = new MagnitudePruner(new SparsityConfig(PruningMethod.Magnitude, 0.9, 0, 0, PruningScope.Layer, 1), model);
        pruner.Prune(0.9);
        long prunedCsr = SparseExport.Save(model, Path.Combine(_folder, "pruned"), MatrixEncoding.Csr);

        var stored = StoredSize.Of(model);
        Assert.True(unprunedCsr > denseSize);
        Assert.True(prunedCsr < denseSize / 2, $"CSR {prunedCsr} bytes against dense {denseSize}");
        Assert.Equal(4 * model.ParameterCount, stored.DenseBytes);
        // The file holds the arrays plus a header per tensor (name, encoding, shape) and, for CSR, three sizes.
        Assert.InRange(prunedCsr - stored.CsrBytes, 0, 100 * model.parameters().Count());
        Assert.Equal(0.9, stored.MatrixSparsity, 0.001);
    }

    [Fact]
    public void RefusesAFileThatIsNotAWeightsFile()
    {
        string path = Path.Combine(_folder, "other");
        File.WriteAllText(path, "not weights");

        Assert.Throws<InvalidDataException>(() => SparseExport.Load(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
