using DslRunner.Training;

namespace DslRunner.Studies;

/// <summary>Where a study writes and how it reports progress.</summary>
/// <param name="Folder">The study's folder: report.md and plots, and the run folders under runs/.</param>
public sealed record StudyContext(string Folder, IRunProgress Progress)
{
    /// <summary>The declared budget a declared study runs under (<c>quick</c> unless the command line asks for another).</summary>
    public string BudgetName { get; init; } = StudyDefinition.QuickBudget;

    public string RunsRoot => Path.Combine(Folder, "runs");

    /// <summary>
    /// Starts the launcher that runs a declared study's arms as child processes (<c>--jobs</c>), given where it reports;
    /// null runs them one after another in this process.
    /// </summary>
    public Func<TextWriter, Sweeps.ISweepLauncher>? Processes { get; init; }

    /// <summary>Submit the trained arms' runs to Slurm instead of running them here (<c>--launcher slurm</c>); null runs them here.</summary>
    public SlurmArms? Slurm { get; init; }

    /// <summary>How to start this program for an arm run in the other numeric mode or on Slurm; without it such a run fails.</summary>
    public Sweeps.ChildCommand? Child { get; init; }

    /// <summary>A file in the study folder (created on demand).</summary>
    public string PathOf(string file)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, file);
    }
}
