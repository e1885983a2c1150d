namespace DslRunner.Sweeps;

/// <summary>A stop signal ended a sweep or a study's runs before they all finished; the same command continues them.</summary>
public sealed class LaunchInterruptedException(string signal, string states)
    : Exception($"{signal}: the runs stopped at their checkpoints; run the same command again to continue them\n{states}")
{
    public string Signal { get; } = signal;
}
