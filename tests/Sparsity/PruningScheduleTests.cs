using DslRunner.Config;
using DslRunner.Sparsity;

namespace DslRunner.Tests.Sparsity;

public class PruningScheduleTests
{
    static SparsityConfig Config(int every = 2) => new(PruningMethod.Magnitude, Target: 0.8, Start: 10, End: 20, PruningScope.Global, every);

    [Fact]
    public void CubicRampPrunesFastEarlyAndSlowNearTheTarget()
    {
        var schedule = new PruningSchedule(Config());

        // 0.8·(1 − (1 − f)³) at f = 0, 0.5, 0.9, 1
        Assert.Equal([0, 0, 0.7, 0.7992, 0.8, 0.8], new[] { 5, 10, 15, 19, 20, 30 }.Select(s => Math.Round(schedule.SparsityAt(s), 10)));
    }

    [Fact]
    public void LinearRampGrowsInProportionToTheSteps()
    {
        var schedule = new PruningSchedule(Config(), PruningRamp.Linear);

        Assert.Equal([0, 0.4, 0.72, 0.8], new[] { 10, 15, 19, 20 }.Select(s => Math.Round(schedule.SparsityAt(s), 10)));
    }

    [Fact]
    public void PrunesEveryIntervalFromStartAndAlwaysAtEnd()
    {
        var schedule = new PruningSchedule(Config(every: 3));

        Assert.Equal([10, 13, 16, 19, 20], Enumerable.Range(0, 40).Where(schedule.PrunesAt));
    }

    [Fact]
    public void KnowsTheLastPruningBeforeAnyStep()
    {
        var schedule = new PruningSchedule(Config(every: 3));

        Assert.Equal([null, 10, 10, 13, 19, 20, 20], new[] { 9, 10, 12, 13, 19, 20, 40 }.Select(schedule.LastPruningAtOrBefore));
    }

    [Fact]
    public void RejectsAnEndBeforeTheStart()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new PruningSchedule(new SparsityConfig(PruningMethod.Magnitude, 0.5, Start: 10, End: 5, PruningScope.Layer, 1)));
    }
}
