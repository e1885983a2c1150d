using DslRunner.Statistics;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

public sealed class ClaimChecksTests
{
    [Theory]
    [InlineData(0.71, Verdict.Held)]
    [InlineData(0.7, Verdict.DidNotHold)]
    [InlineData(0.2, Verdict.DidNotHold)]
    [InlineData(double.PositiveInfinity, Verdict.Inconclusive)]
    public void Above_is_strict(double value, Verdict expected) => Assert.Equal(expected, ClaimChecks.Above(value, 0.7));
}
