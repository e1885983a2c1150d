using DslRunner.Generator.Measures;

namespace DslRunner.Training.Measures;

/// <summary>
/// Fraction of zero matrix weights: the pruner's measure at every evaluation of a pruned run, and the stored weights' in
/// the test record of every run; absent otherwise.
/// </summary>
public sealed class SparsityMeasure : IBuiltInMeasure
{
    public const string Sparsity = "sparsity";

    public MeasureDescriptor Descriptor { get; } =
        new(Sparsity, "Fraction of zero matrix weights: every evaluation when pruning, and in the test record", MeasureTime.Evaluation, Listed: false, [])
        {
            ConditionalFigures = [Sparsity],
            Range = FigureRange.Fraction,
        };

    public void Measure(ProbeInput input, IDictionary<string, double> values)
    {
        if (input.Pruner is { } pruner) values[Sparsity] = pruner.MeasuredSparsity();
        else if (input.Stored is { } stored) values[Sparsity] = stored.MatrixSparsity;
    }
}
