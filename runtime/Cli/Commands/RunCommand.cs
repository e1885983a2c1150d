using System.CommandLine;
using System.Globalization;
using DslRunner.Native;
using DslRunner.Runs;
using DslRunner.Generator.Measures;

namespace DslRunner.Cli.Commands;

public static class RunCommand
{
    public static Command Create(CliEnvironment cli)
    {
        var name = new Argument<string>("name") { Description = "The experiment to run (see 'list')." };
        var variant = new Option<string?>("--variant") { Description = "Run one of the experiment's variants or sweep points instead." };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a key of the declaration, e.g. --set train.steps=50 (repeatable); checked like the experiment file.",
        };
        var seed = new Option<int?>("--seed") { Description = "Run with this seed instead of the declared one (recorded as the override seed=N)." };
        var runName = new Option<string?>("--name") { Description = "A name for the run, kept in its manifest and shown by 'runs ls' and 'report'." };
        var tags = new Option<string[]>("--tag") { Description = "A tag for the run (repeatable); 'runs ls --where tag=x' finds the runs tagged x." };
        var note = new Option<string?>("--note") { Description = "A note on the run (why it was made), kept in its manifest and shown by 'report'." };
        var runs = CliOptions.RunsRoot();
        var portable = CliOptions.Portable();
        var command = new Command("run", "Train and evaluate one experiment, writing a run folder.")
        {
            name, variant, set, seed, runName, tags, note, runs, portable,
        };
        command.SetAction(parse =>
        {
            string? variantName = parse.GetValue(variant);
            if (parse.GetValue(seed) is not null && (parse.GetValue(set) ?? []).Any(o => o.Split('=')[0].Trim() == "seed"))
                throw new UsageException("give --seed or --set seed=N, not both");
            string[] overrides = [.. parse.GetValue(set) ?? [], .. parse.GetValue(seed) is { } n ? [string.Create(CultureInfo.InvariantCulture, $"seed={n}")] : Array.Empty<string>()];
            var labels = Labels(parse.GetValue(runName), parse.GetValue(tags) ?? [], parse.GetValue(note));
            var experiment = cli.WithOverrides(cli.Resolve(parse.GetValue(name)!, variantName), overrides);
            if (ThreadsWarning(experiment.Config.Train.Threads, Environment.ProcessorCount) is { } warning) cli.Error.WriteLine(warning);
            var outcome = ProgressFactory.Run(cli.Output, progress =>
                ExperimentRunner.Run(experiment, parse.GetValue(runs), progress, variantName, overrides, CliOptions.Mode(parse.GetValue(portable)), labels));
            PrintOutcome(cli.Output, outcome);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// More threads than cores: the threads wait for each other (and spin, with a spinning OpenMP). Said with the numbers;
    /// the count is part of the run's numeric identity, so it is not changed.
    /// </summary>
    public static string? ThreadsWarning(int threads, int cores) => threads > cores
        ? $"warning: train.threads is {threads} on {cores} cores: the threads beyond {cores} wait for a core each step, so the run is slower " +
          $"than with {cores}; the thread count is part of the run's numeric identity and is used as declared (--set train.threads={cores} to change it)"
        : null;

    static RunLabels Labels(string? name, string[] tags, string? note)
    {
        try
        {
            return RunLabels.From(name, tags, note);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static void PrintOutcome(TextWriter output, RunOutcome outcome)
    {
        var culture = CultureInfo.InvariantCulture;
        var final = outcome.Training.FinalEvaluation;
        output.WriteLine(string.Create(culture, $"final validation loss {final.Loss:F4} (perplexity {final.Perplexity:F2}), test loss {outcome.Evaluation.Metrics[MeasureCatalog.Loss]:F4}"));
        output.WriteLine(string.Create(culture, $"{outcome.Training.TokensPerSecond:N0} tokens/s over {outcome.Training.WallTime.TotalSeconds:F1} s of training"));
        output.WriteLine($"metrics hash {MetricsHash.Of(outcome.Metrics)} ({NumericPins.Name(TorchRuntime.Mode)} numerics)");
        if (outcome.Folder is not null) output.WriteLine($"wrote {outcome.Folder}");
    }
}
