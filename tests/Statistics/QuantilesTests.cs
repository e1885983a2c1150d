using DslRunner.Statistics;

namespace DslRunner.Tests.Statistics;

public sealed class QuantilesTests
{
    [Fact]
    public void Quantiles_interpolate_between_order_statistics()
    {
        double[] values = [7, 1, 3, 5];    // sorted 1, 3, 5, 7
        Assert.Equal(4, Quantiles.Median(values));
        Assert.Equal(2.5, Quantiles.Of(values, 0.25));    // position 0.75: 1 + 0.75·(3 − 1)
        Assert.Equal(5.5, Quantiles.Of(values, 0.75));    // position 2.25: 5 + 0.25·(7 − 5)
        Assert.Equal(1, Quantiles.Of(values, 0));
        Assert.Equal(7, Quantiles.Of(values, 1));
        Assert.Equal(3, Quantiles.Median([3]));
        Assert.True(double.IsNaN(Quantiles.Median([])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Of(values, 1.5));
    }
}
