using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>
/// An experiment built from its config, as the generated classes build theirs: how a run with overrides runs. The
/// catalog's components are built from their records; a loss term, decoder or metric written in C# exists only in
/// generated code, so it is taken, as written, from the declared experiment (<paramref name="declared"/>), in order.
/// </summary>
/// <param name="generatedCodeHash">The hash of the generated experiment whose declaration the config came from.</param>
/// <param name="declared">The generated experiment that constructs the config's C# components; null when it has none.</param>
public sealed class ConfiguredExperiment(ExperimentConfig config, string generatedCodeHash, IExperiment? declared = null) : IExperiment
{
    public string GeneratedCodeHash { get; } = generatedCodeHash;

    public ExperimentConfig Config { get; } = CanBuild(config, declared?.Config)
        ? config
        : throw new ArgumentException(
            $"experiment '{config.Name}' has a C# loss term, decoder or metric that its declared experiment does not construct: it cannot be rebuilt from its config",
            nameof(config));

    /// <summary>Whether every component can be built: the catalog's from their records, C# ones by the declared experiment, in the same order.</summary>
    public static bool CanBuild(ExperimentConfig config, ExperimentConfig? declared = null) =>
        config.Loss.OfType<CustomLossConfig>().SequenceEqual(declared?.Loss.OfType<CustomLossConfig>() ?? [])
        && config.Decode.OfType<CustomDecoderConfig>().SequenceEqual(declared?.Decode.OfType<CustomDecoderConfig>() ?? [])
        && CSharpMetrics(config).SequenceEqual(declared is null ? [] : CSharpMetrics(declared));

    static IEnumerable<string> CSharpMetrics(ExperimentConfig config) => config.Eval.Metrics.Where(m => !EvalProbes.Keys.ContainsKey(m));

    /// <summary>The experiment itself when there are no overrides, else one built from its declaration with them applied.</summary>
    /// <exception cref="InvalidOverrideException">An override the declaration's rules refuse, or an experiment that cannot be rebuilt.</exception>
    public static IExperiment WithOverrides(IExperiment experiment, IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0) return experiment;
        string declaration = experiment.Declaration;
        if (declaration.Length == 0)
            throw new InvalidOverrideException($"--set: experiment '{experiment.Config.Name}' has no generated declaration to apply overrides to");
        var result = ConfigOverrides.Bind(declaration, overrides, experiment.Config);
        if (result.Config is null) throw new InvalidOverrideException(string.Join(Environment.NewLine, result.Errors));
        if (!CanBuild(result.Config, experiment.Config))
            throw new InvalidOverrideException(
                $"--set: the C# loss terms, decoders and metrics of '{experiment.Config.Name}' stay as the experiment declares them; overrides cannot add, remove or reorder them");
        return new ConfiguredExperiment(result.Config, experiment.GeneratedCodeHash, experiment) { Warnings = result.Warnings };
    }

    /// <summary>What the overrides said that should be written otherwise (an old key spelling), for the command line to show.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public LanguageModel BuildModel(int vocabularySize) => Config.Model.Build(vocabularySize);

    public CompositeLoss BuildLoss()
    {
        var written = new Queue<LossTerm>(declared is null ? [] : CSharpParts(declared.Config.Loss, declared.BuildLoss().Terms));
        return new([.. Config.Loss.Select(term => term is CustomLossConfig ? written.Dequeue() : term.Build())]);
    }

    public IReadOnlyList<IDecoder> BuildDecoders()
    {
        var written = new Queue<IDecoder>(declared is null ? [] : CSharpParts(declared.Config.Decode, declared.BuildDecoders()));
        return [.. Config.Decode.Select(decoder => decoder is CustomDecoderConfig ? written.Dequeue() : decoder.Build())];
    }

    public IReadOnlyList<EvalMetric> BuildMetrics() => declared?.BuildMetrics() ?? [];

    /// <summary>The built components whose records are C# ones (built lists run parallel to their records).</summary>
    static IEnumerable<T> CSharpParts<TConfig, T>(IReadOnlyList<TConfig> records, IReadOnlyList<T> built) =>
        records.Zip(built).Where(pair => pair.First is CustomLossConfig or CustomDecoderConfig).Select(pair => pair.Second);
}

/// <summary>Overrides that the declaration's rules refuse; the message lists each problem as the generator words it.</summary>
public sealed class InvalidOverrideException(string message) : Exception(message);
