using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Runs;
using DslRunner.Training;

namespace DslRunner.Tests.Infrastructure;

/// <summary>A hand-written experiment over a tiny model, shaped like the generated ones, for runtime tests.</summary>
public sealed class TestExperiment(ExperimentConfig config, params LossTerm[] extraTerms) : IExperiment
{
    public ExperimentConfig Config { get; } = config;

    public string GeneratedCodeHash { get; init; } = "";

    public LanguageModel BuildModel(int vocabularySize) => Config.Model.Build(vocabularySize);

    public CompositeLoss BuildLoss() => new([new CrossEntropyLoss(), .. extraTerms]);

    public IReadOnlyList<IDecoder> BuildDecoders() => [.. Config.Decode.Select(d => d.Build())];

    /// <summary>A model and budget small enough to train in a few seconds on two cores.</summary>
    public static ExperimentConfig Tiny(int seed = 7, int steps = 40) => new(
        Name: "tiny",
        Description: "test",
        Seed: seed,
        Data: new DataConfig(CorpusKind.Synthetic, Tokens: 60_000, Validation: 0.1, Test: 0.1, Path: null),
        Tokenizer: new TokenizerConfig(TokenizerKind.Char, Vocab: 0),
        Model: new TransformerConfig(Layers: 1, DModel: 32, Heads: 2, Context: 32, Head: OutputHead.Tied, Dropout: 0, CosineScale: null),
        Loss: [new CrossEntropyConfig()],
        Train: new TrainConfig(
            new OptimizerConfig(OptimizerKind.AdamW, Lr: 1e-2, WeightDecay: 0.0, Beta1: 0.9, Beta2: 0.95, Momentum: 0.9),
            new ScheduleConfig(Warmup: 5, Decay: DecayKind.Cosine, MinLrRatio: 0.1),
            Batch: 16, Steps: steps, EvalEvery: 10, EvalBatches: 4, Threads: 1, GradClip: 1.0, Accumulation: 1),
        Sparsity: null,
        Decode: [new GreedyConfig(20)],
        Eval: new EvalConfig(["perplexity", "capacity"], ["the "]));
}
