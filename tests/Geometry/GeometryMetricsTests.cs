using DslRunner.Config;
using DslRunner.Geometry;

namespace DslRunner.Tests.Geometry;

public class GeometryMetricsTests
{
    [Fact]
    public void AnUntiedModelReportsTheCapacityOfBothTokenVectorSets()
    {
        using var model = TestModels.TinyGpt(head: OutputHead.Dot);
        int[] heldOut = Enumerable.Range(0, 50).Select(i => i % 11).ToArray();

        var values = GeometryMetrics.Measure(model, heldOut, batch: 2, maxBatches: 2);

        Assert.Equal(
            ["capacity", "capacity_output", "logit_mean_abs", "sparsity", "stored_bytes_csr", "stored_bytes_dense"],
            values.Keys);
        Assert.Equal(Capacity.Measure(model.TokenVectors), values["capacity"]);
        Assert.Equal(Capacity.Measure(model.OutputVectors!), values["capacity_output"]);
        Assert.Equal(4.0 * model.ParameterCount, values["stored_bytes_dense"]);
        Assert.Equal(0, values["sparsity"]);
    }

    [Fact]
    public void ATiedModelHasNoSeparateOutputCapacityAndNoLogitsWithoutHeldOutData()
    {
        using var model = TestModels.TinyGpt(head: OutputHead.Tied);

        var values = GeometryMetrics.Measure(model);

        Assert.DoesNotContain("capacity_output", values.Keys);
        Assert.DoesNotContain("logit_mean_abs", values.Keys);
    }

    [Fact]
    public void DescribeGivesTheCostAndTheAnalyticFigures()
    {
        using var model = TestModels.TinyGpt();

        var values = GeometryMetrics.Describe(TestModels.TinyTransformer(), model, tokensSeen: 1000);

        Assert.Equal(model.ParameterCount, values["parameters"]);
        Assert.Equal(6.0 * model.ParameterCount * 1000, values["training_flops"]);
        Assert.Equal(2, values["possibilities_per_unit"]);
        Assert.Equal(Math.Log(2 * 8) / Math.Log(11), values["dependency_length_analytic"], 1e-12);
    }
}
