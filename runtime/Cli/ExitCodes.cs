namespace DslRunner.Cli;

/// <summary>Exit codes a script can rely on.</summary>
public static class ExitCodes
{
    /// <summary>Done; for rerun: the metrics matched.</summary>
    public const int Ok = 0;

    /// <summary>The run failed (bad data, divergence, I/O) or, for rerun, the metrics did not match.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: unknown experiment, run or option.</summary>
    public const int Usage = 2;

    /// <summary>
    /// A stop signal (SIGTERM, SIGINT, SIGUSR1) ended training after a checkpoint: <c>resume</c>, or the same sweep or
    /// study command, continues it exactly. 75 is EX_TEMPFAIL: try again later.
    /// </summary>
    public const int Interrupted = Training.TrainingInterruptedException.ExitCode;
}
