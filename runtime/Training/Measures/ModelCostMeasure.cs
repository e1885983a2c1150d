using DslRunner.Generator.Measures;
using DslRunner.Geometry;

namespace DslRunner.Training.Measures;

/// <summary>Figures fixed by the model and the budget: parameters, tokens seen and training FLOPs (6·N·D).</summary>
public sealed class ModelCostMeasure : IBuiltInMeasure
{
    public const string Parameters = "parameters";
    public const string TokensSeen = "tokens_seen";
    public const string TrainingFlops = "training_flops";

    public MeasureDescriptor Descriptor { get; } =
        new("model_cost", "Parameters, tokens seen and training FLOPs (6·N·D) of the trained model", MeasureTime.EndOfTraining, Listed: false,
            [Parameters, TokensSeen, TrainingFlops])
        {
            Range = FigureRange.NonNegative,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        long parameters = input.Model.ParameterCount;
        values[Parameters] = parameters;
        values[TokensSeen] = input.Seen;
        values[TrainingFlops] = TrainingCost.Flops(parameters, input.Seen);
    }
}
