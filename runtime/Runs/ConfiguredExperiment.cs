using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>
/// An experiment built from its config alone, as the generated classes build theirs: how a run with overrides
/// runs. A config with a C# loss term, decoder or metric cannot be built this way (see <see cref="CanBuild"/>).
/// </summary>
/// <param name="generatedCodeHash">The hash of the generated experiment whose declaration the config came from.</param>
public sealed class ConfiguredExperiment(ExperimentConfig config, string generatedCodeHash) : IExperiment
{
    public string GeneratedCodeHash { get; } = generatedCodeHash;

    public ExperimentConfig Config { get; } = CanBuild(config)
        ? config
        : throw new ArgumentException($"experiment '{config.Name}' has a C# loss term, decoder or metric: it cannot be rebuilt from its config", nameof(config));

    /// <summary>Whether every component is the catalog's: a loss term, decoder or metric written in C# exists only in generated code.</summary>
    public static bool CanBuild(ExperimentConfig config) =>
        !config.Loss.OfType<CustomLossConfig>().Any() && !config.Decode.OfType<CustomDecoderConfig>().Any()
        && config.Eval.Metrics.All(EvalProbes.Keys.ContainsKey);

    /// <summary>The experiment itself when there are no overrides, else one built from its declaration with them applied.</summary>
    /// <exception cref="InvalidOverrideException">An override the declaration's rules refuse, or an experiment that cannot be rebuilt.</exception>
    public static IExperiment WithOverrides(IExperiment experiment, IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0) return experiment;
        if (experiment.Declaration.Length == 0 || !CanBuild(experiment.Config))
            throw new InvalidOverrideException(
                $"--set: experiment '{experiment.Config.Name}' has a loss term, decoder or metric written in C# (or no generated declaration), so it cannot be rebuilt with overrides");
        var result = ConfigOverrides.Bind(experiment.Declaration, overrides);
        return result.Config is null
            ? throw new InvalidOverrideException(string.Join(Environment.NewLine, result.Errors))
            : new ConfiguredExperiment(result.Config, experiment.GeneratedCodeHash);
    }

    public LanguageModel BuildModel(int vocabularySize) => Config.Model.Build(vocabularySize);

    public CompositeLoss BuildLoss() => new([.. Config.Loss.Select(term => term.Build())]);

    public IReadOnlyList<IDecoder> BuildDecoders() => [.. Config.Decode.Select(decoder => decoder.Build())];
}

/// <summary>Overrides that the declaration's rules refuse; the message lists each problem as the generator words it.</summary>
public sealed class InvalidOverrideException(string message) : Exception(message);
