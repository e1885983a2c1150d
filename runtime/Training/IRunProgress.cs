
namespace DslRunner.Training;

/// <summary>Where a run reports what it is doing.</summary>
public interface IRunProgress
{
    void Message(string text);

    /// <param name="validationLoss">The latest validation loss, if any evaluation has run.</param>
    void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond);

    void Sample(Sample sample);
}

/// <summary>Discards progress (tests, benchmarks).</summary>
public sealed class SilentProgress : IRunProgress
{
    public static readonly SilentProgress Instance = new();

    public void Message(string text) { }

    public void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond) { }

    public void Sample(Sample sample) { }
}
