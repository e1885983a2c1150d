using DslRunner.Runs;
using DslRunner.Training;

namespace DslRunner.Tests.Infrastructure;

/// <summary>Simulates a process dying after a given step (after its metrics and any checkpoint were written).</summary>
public sealed class CrashingProgress(int crashAfterStep) : IRunProgress
{
    public void Message(string text) { }

    public void Step(int step, int totalSteps, double loss, double? validationLoss, double tokensPerSecond)
    {
        if (step == crashAfterStep) throw new SimulatedCrash();
    }

    public void Sample(Sample sample) { }

    public sealed class SimulatedCrash : Exception;
}
