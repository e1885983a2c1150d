using System.Runtime.InteropServices;

namespace DslRunner.Training;

/// <summary>
/// The one way a training process is asked to stop early: SIGTERM (a scheduler ending or preempting a job), SIGINT
/// (Ctrl-C) or SIGUSR1 (Slurm's warning before a time limit). Once <see cref="Listen"/> has run, the first such signal
/// does not end the process; it is recorded, and the training loop writes a checkpoint at the next step boundary and
/// stops with <see cref="TrainingInterruptedException"/>. A second Ctrl-C ends the process at once, as usual.
/// </summary>
public static class StopSignals
{
    /// <summary>SIGUSR1 on Linux (.NET names no such signal; raw numbers are allowed).</summary>
    public const int Usr1 = 10;

    static readonly object Gate = new();
    static readonly List<PosixSignalRegistration> Registrations = [];
    static volatile string? _requested;

    /// <summary>The signal that asked this process to stop ("SIGTERM", "SIGINT", "SIGUSR1"), or null.</summary>
    public static string? Requested => _requested;

    /// <summary>Starts listening for the stop signals (once per process; on Linux only, where SIGUSR1 has its number).</summary>
    public static void Listen()
    {
        if (!OperatingSystem.IsLinux()) return;
        lock (Gate)
        {
            if (Registrations.Count > 0) return;
            Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
            Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
            Registrations.Add(PosixSignalRegistration.Create((PosixSignal)Usr1, Handle));
        }
    }

    /// <summary>Records a stop request as a signal would (for code that stops training by other means, and tests).</summary>
    public static void Request(string signal) => _requested ??= signal;

    /// <summary>Forgets a recorded request (tests that run several trainings in one process).</summary>
    public static void Clear() => _requested = null;

    static void Handle(PosixSignalContext context)
    {
        string name = context.Signal switch
        {
            PosixSignal.SIGTERM => "SIGTERM",
            PosixSignal.SIGINT => "SIGINT",
            _ => "SIGUSR1",
        };
        // A second Ctrl-C keeps its default: the process ends now. SIGTERM and SIGUSR1 repeat harmlessly (Slurm sends
        // SIGTERM to the batch script, which forwards it, and to every process of the job).
        if (name == "SIGINT" && _requested == "SIGINT") return;
        context.Cancel = true;
        Request(name);
    }
}
