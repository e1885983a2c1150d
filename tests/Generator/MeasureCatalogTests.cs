using DslRunner.Generator.Measures;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Generator;

/// <summary>The built-in measures, listed once in <see cref="MeasureCatalog"/>, are what studies and experiments may name.</summary>
public sealed class MeasureCatalogTests
{
    static readonly (string, string) Base = ("/project/base.experiment.yaml",
        File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot(), "tests", "Invalid", "Studies", "base.experiment.yaml")));

    [Fact]
    public void A_study_may_measure_the_stored_weight_bytes_that_every_test_record_holds()
    {
        var result = GeneratorHarness.Run(Base, ("/project/stored.study.yaml", """
            study: stored
            arms:
              ce: { experiment: study-base }
            measures: [stored_bytes_dense, stored_bytes_csr]
            claims:
              small:
                check: stored_bytes_csr[ce] < 1e9
            """));

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void No_two_built_in_measures_share_a_name_or_a_figure()
    {
        Assert.Equal(MeasureCatalog.BuiltIn.Count, MeasureCatalog.BuiltIn.Select(m => m.Name).Distinct().Count());
        Assert.Equal(MeasureCatalog.Figures.Count(), MeasureCatalog.Figures.Distinct().Count());
    }
}
