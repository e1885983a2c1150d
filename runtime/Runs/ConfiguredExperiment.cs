using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Training;

namespace DslRunner.Runs;

/// <summary>
/// An experiment built from its config alone, as the generated classes build theirs: how a run with overrides
/// runs. A config with a C# loss term cannot be built this way (see <see cref="CanBuild"/>).
/// </summary>
/// <param name="generatedCodeHash">The hash of the generated experiment whose declaration the config came from.</param>
public sealed class ConfiguredExperiment(ExperimentConfig config, string generatedCodeHash) : IExperiment
{
    public string GeneratedCodeHash { get; } = generatedCodeHash;

    public ExperimentConfig Config { get; } = CanBuild(config)
        ? config
        : throw new ArgumentException($"experiment '{config.Name}' has a C# loss term: it cannot be rebuilt from its config", nameof(config));

    public static bool CanBuild(ExperimentConfig config) => !config.Loss.OfType<CustomLossConfig>().Any();

    public LanguageModel BuildModel(int vocabularySize) => Config.Model.Build(vocabularySize);

    public CompositeLoss BuildLoss() => new([.. Config.Loss.Select(term => term.Build())]);

    public IReadOnlyList<IDecoder> BuildDecoders() => [.. Config.Decode.Select(decoder => decoder.Build())];
}
