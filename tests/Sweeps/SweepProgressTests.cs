using DslRunner.Experiments;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Sweeps;

/// <summary>A launch's "[k/N]" and its ETA from the planned FLOPs of the points still to run.</summary>
public sealed class SweepProgressTests
{
    [Fact]
    public void Each_point_is_counted_and_the_eta_weighs_the_points_left_by_their_cost()
    {
        using var runs = new TempFolder();
        // Two points of 4 steps and one of 8: the third costs twice as much as each of the first two.
        var plan = SweepPlanner.Plan(new SweepSpec("tiny-gpt", [], [], LauncherSettings.InProcess),
            [new("a", "tiny-gpt", ["train.steps=4"]), new("b", "tiny-gpt", ["train.steps=4", "seed=2"]), new("c", "tiny-gpt", ["train.steps=8"])],
            ExperimentRegistry.All, runs.Path);
        Assert.Equal(2 * plan.Points[0].Cost.Flops, plan.Points[2].Cost.Flops, 6);
        var now = TimeSpan.Zero;
        var progress = new SweepProgress(plan.Points, () => now);

        Assert.Equal("[1/3] a", progress.Started(plan.Points[0]));
        now = TimeSpan.FromSeconds(10);
        // 10 s for one unit of cost; three units left.
        Assert.Equal("1/3 done, 0:10 so far, eta 0:30", progress.Ended(plan.Points[0]));
        Assert.Equal("[2/3] b", progress.Started(plan.Points[1]));
        now = TimeSpan.FromSeconds(20);
        Assert.Equal("2/3 done, 0:20 so far, eta 0:20", progress.Ended(plan.Points[1]));
        Assert.Equal("[3/3] c", progress.Started(plan.Points[2]));
        now = TimeSpan.FromSeconds(41);
        Assert.Equal("3/3 done, 0:41 so far", progress.Ended(plan.Points[2]));
    }
}
