using DslRunner.Decoding;
using DslRunner.Runs;
using DslRunner.Training;

namespace DslRunner.Studies;

/// <summary>Where a study writes, how it reports progress, and the budget its experiments run under.</summary>
/// <param name="Folder">The study's folder: report.md and plots, and the run folders under runs/.</param>
public sealed record StudyContext(string Folder, IRunProgress Progress, StudyBudget Budget)
{
    /// <summary>The declared budget a declared study runs under (<c>quick</c> unless the command line asks for another).</summary>
    public string BudgetName { get; init; } = Declared.StudyDefinition.QuickBudget;

    public string RunsRoot => Path.Combine(Folder, "runs");

    /// <summary>
    /// Starts the launcher that runs a declared study's arms as child processes (<c>--jobs</c>), given where it reports;
    /// null runs them one after another in this process.
    /// </summary>
    public Func<TextWriter, Sweeps.ISweepLauncher>? Processes { get; init; }

    /// <summary>How to start this program for an arm run in the other numeric mode; without it such a run fails.</summary>
    public Sweeps.ChildCommand? Child { get; init; }

    /// <summary>A file in the study folder (created on demand).</summary>
    public string PathOf(string file)
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, file);
    }

    /// <summary>Runs one declared experiment end to end into a run folder under <see cref="RunsRoot"/>.</summary>
    /// <param name="extraDecoders">Decoders run after the declared ones (for settings the DSL does not declare); each needs a
    /// key of its own (a config's Name), checked before training.</param>
    /// <param name="inspect">Sees the trained model and the run's data after evaluation, before the model is released.</param>
    public StudyRun Run(IExperiment experiment, IReadOnlyList<IDecoder>? extraDecoders = null, Action<RunContext, TrainingResult>? inspect = null)
    {
        var config = Budget.Apply(experiment.Config);
        Progress.Message($"== {config.Name}");
        var runnable = new StudyExperiment(experiment, config, extraDecoders ?? [], inspect);
        var outcome = ExperimentRunner.Run(runnable, RunsRoot, Progress);
        return new StudyRun(config, outcome.Folder, outcome.Metrics, outcome.Evaluation.Metrics, outcome.Evaluation.Samples,
            outcome.Training.TokensSeen, outcome.Training.WallTime, outcome.Training.FinalEvaluation.Loss);
    }
}
