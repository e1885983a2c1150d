using DslRunner.Cli;
using DslRunner.Experiments.Studies;
using DslRunner.Review;
using DslRunner.Runs;

namespace DslRunner.Experiments;

/// <summary>
/// The dslrunner executable's command line: the runtime's commands, the studies, and <c>review</c>, which comes from
/// its own tool project (generator/Review, Roslyn-based) so that the runtime the experiments load stays free of Roslyn.
/// </summary>
public static class DslRunnerCommands
{
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        DslRunnerCli.Run(args, ExperimentRegistry.All, output, error, StudyCatalog.All, [ReviewCommand.Create(RunsUnder)]);

    /// <summary>Review's view of a runs folder: a side's run, matched by its manifest's config hash and commit.</summary>
    static RunLookup RunsUnder(string runsRoot) => (experiment, declaration, commit) =>
        RunIndex.Find(runsRoot, experiment, declaration, commit) is { } run ? new RunRecord(run.Folder, run.Manifest.Results) : null;
}
