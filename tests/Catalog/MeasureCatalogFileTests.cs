using DslRunner.Generator.Measures;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training.Measures;

namespace DslRunner.Tests.Catalog;

/// <summary>
/// The catalog of built-in measures (generator/Core/Measures/MeasureCatalog.g.cs) and the runtime's list of their
/// components (runtime/Training/Measures/BuiltInMeasures.g.cs) are generated from the descriptors the components declare,
/// so a measure is declared once; this regenerates both and fails when a committed one is stale
/// (DSLRUNNER_ACCEPT_SNAPSHOTS=1 rewrites them, locally only).
/// </summary>
public sealed class MeasureCatalogFileTests
{
    static IReadOnlyList<(MeasureDescriptor Descriptor, string ComponentType)> Components() =>
        MeasureCatalogWriter.InCatalogOrder(
            typeof(IBuiltInMeasure).Assembly.GetTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBuiltInMeasure).IsAssignableFrom(t))
                .Select(t => (((IBuiltInMeasure)Activator.CreateInstance(t)!).Descriptor, t.FullName!)),
            [.. MeasureCatalog.BuiltIn.Select(m => m.Name)]);

    [Fact]
    public void The_committed_catalog_is_the_one_the_components_declare() =>
        Snapshot.MatchFile(MeasureCatalogWriter.WriteCatalog([.. Components().Select(c => c.Descriptor)]),
            Path.Combine(Snapshot.RepositoryRoot(), "generator", "Core", "Measures", MeasureCatalogWriter.CatalogFileName));

    [Fact]
    public void The_committed_component_list_is_every_component_in_catalog_order() =>
        Snapshot.MatchFile(MeasureCatalogWriter.WriteComponents(Components().Select(c => c.ComponentType)),
            Path.Combine(Snapshot.RepositoryRoot(), "runtime", "Training", "Measures", MeasureCatalogWriter.ComponentsFileName));

    [Fact]
    public void A_measure_keeps_its_place_and_a_new_one_comes_last_in_name_order()
    {
        static (MeasureDescriptor, string) Named(string name) => (new(name, "", MeasureTime.Evaluation, Listed: true, [name]), name);

        var ordered = MeasureCatalogWriter.InCatalogOrder([Named("b_new"), Named("zeta"), Named("a_new"), Named("alpha")], ["zeta", "alpha"]);

        Assert.Equal(["zeta", "alpha", "a_new", "b_new"], ordered.Select(c => c.ComponentType));
    }
}
