using DslRunner.Config;
using DslRunner.Generator.Measures;
using DslRunner.Native;
using DslRunner.Sparsity;
using DslRunner.Tests.Geometry;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training.Measures;

namespace DslRunner.Tests.Training;

/// <summary>Each built-in measure component adds the figures its catalog entry names (a conditional one only when it applies), and no others.</summary>
public sealed class BuiltInMeasuresTests
{
    public BuiltInMeasuresTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Each_component_adds_exactly_the_figures_its_descriptor_names()
    {
        using var model = TestModels.TinyGpt(head: OutputHead.Dot);
        var input = new ProbeInput(model, TestExperiment.Tiny().Train with { Batch = 2, EvalBatches = 2 },
            [.. Enumerable.Range(0, 80).Select(i => i % 11)], TestModels.TinyTransformer(OutputHead.Dot))
        {
            TokensSeen = 1000, Stored = StoredSize.Of(model),
        };

        foreach (var measure in BuiltInMeasures.All)
        {
            var values = measure is LossMeasure ? new Dictionary<string, double>() : new() { [MeasureCatalog.Loss] = 2.0 };
            var before = values.Keys.ToList();
            measure.Measure(input, values);
            var added = values.Keys.Except(before).ToList();
            Assert.All(measure.Descriptor.Figures, figure => Assert.Contains(figure, added));
            Assert.All(added, figure => Assert.Contains(figure, measure.Descriptor.AllFigures));
        }
    }
}
