namespace DslRunner.Training;

/// <summary>The loss became NaN or infinite; training stopped before applying the bad update.</summary>
public sealed class TrainingDivergedException(int step, string quantity, double value, string? lastCheckpoint)
    : Exception(
        $"training stopped at step {step}: the {quantity} became {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}. " +
        (lastCheckpoint is null ? "No checkpoint was written before it." : $"The last good checkpoint is {lastCheckpoint}."))
{
    public int Step { get; } = step;

    public string? LastCheckpoint { get; } = lastCheckpoint;
}
