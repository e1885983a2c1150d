using DslRunner.Config;
using DslRunner.Experiments;
using DslRunner.Studies;

namespace DslRunner.Tests.Studies;

public sealed class StudyBudgetTests
{
    [Fact]
    public void The_declared_budget_changes_nothing()
    {
        var config = Seed003Sparsity.Pruned80Variant.Configuration;

        Assert.Same(config, StudyBudget.Declared.Apply(config));
    }

    [Fact]
    public void A_capped_budget_shrinks_steps_tokens_and_the_schedules_with_them()
    {
        var config = Seed003Sparsity.Pruned80Variant.Configuration; // 400 steps, eval every 100, warm-up 20, pruning 100 → 300 every 25

        var capped = new StudyBudget(MaxSteps: 20, MaxTokens: 30_000).Apply(config);

        Assert.Equal(20, capped.Train.Steps);
        Assert.Equal(5, capped.Train.EvalEvery);
        Assert.Equal(20, capped.Train.Schedule.Warmup);
        Assert.Equal(30_000, capped.Data.Tokens);
        Assert.Equal(new SparsityConfig(PruningMethod.Magnitude, 0.8, Start: 5, End: 15, PruningScope.Global, Every: 1), capped.Sparsity);
        Assert.Equal(config.Model, capped.Model);
    }
}
