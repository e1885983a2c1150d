namespace DslRunner.Training;

/// <summary>A stop signal arrived; training wrote a checkpoint after <see cref="Step"/> and stopped, to be resumed.</summary>
/// <param name="checkpoint">The checkpoint written, or null for a run without a folder.</param>
public sealed class TrainingInterruptedException(int step, string signal, string? checkpoint)
    : Exception($"interrupted by {signal} after step {step}; " +
                (checkpoint is null ? "the run has no folder, so nothing was kept" : $"its checkpoint is {checkpoint}; continue it with: resume {Path.GetDirectoryName(checkpoint)}"))
{
    /// <summary>The exit code of a process training stopped this way (EX_TEMPFAIL: try again later); launchers and scripts read it.</summary>
    public const int ExitCode = 75;

    /// <summary>How an exit with <see cref="ExitCode"/> is described where a task's or child's exit is shown.</summary>
    public const string ExitMeaning = "interrupted by a signal; resumable";

    public int Step { get; } = step;

    public string Signal { get; } = signal;
}
