using DslRunner.Native;
using DslRunner.Training.Measures;

namespace DslRunner.Studies;

/// <summary>An arm that is only built and measured (a parameter count): no data, no training, no run folder.</summary>
public static class BuiltArm
{
    public static ArmResult Measure(ArmPlan plan, StudyDefinition study)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int vocabulary = plan.Config.Tokenizer.Vocab > 0 ? plan.Config.Tokenizer.Vocab
            : throw new InvalidOperationException($"arm '{plan.Arm.Label}' is built without data, so its tokenizer must declare vocab");
        TorchRuntime.EnsureLoaded();
        TorchRuntime.Configure(plan.Config.Train.Threads, plan.Seed);
        using var model = plan.Config.Model.Build(vocabulary);
        var measures = new Dictionary<string, double> { [ModelCostMeasure.Parameters] = model.ParameterCount };
        foreach (var measure in study.CodeMeasures)
            ArmMeasures.Record(measures, measure, new MeasureInput(plan.Config, model, null));
        return new ArmResult(plan, null, Reused: false, [], measures, "", clock.Elapsed);
    }
}
