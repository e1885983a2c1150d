using DslRunner.Sweeps;

namespace DslRunner.Studies;

/// <summary>A study's trained runs go to Slurm as one job array (<c>study --launcher slurm</c>).</summary>
/// <param name="Emit">Write the sbatch script and submit nothing.</param>
/// <param name="Wait">Wait for the array's tasks (through their requeues), then measure and report; else stop after submitting.</param>
public sealed record SlurmArms(LauncherSettings Settings, bool Emit, bool Wait);

/// <summary>The study's runs were submitted (or their script written) and not waited for: there is no report yet.</summary>
public sealed class ArmsSubmittedException(string message) : Exception(message);
