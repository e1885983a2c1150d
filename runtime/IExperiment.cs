using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Runs;
using DslRunner.Training;

namespace DslRunner;

/// <summary>
/// An experiment as the source generator emits it: a fully resolved config and the typed code that builds
/// and trains its model. The CLI finds every experiment through the generated <c>ExperimentRegistry</c>.
/// </summary>
public interface IExperiment
{
    /// <summary>The resolved configuration; every default is explicit.</summary>
    ExperimentConfig Config { get; }

    /// <summary>SHA-256 of the generated source this experiment was compiled from; empty for hand-written ones.</summary>
    string GeneratedCodeHash => string.Empty;

    /// <summary>The resolved declaration as YAML, which overrides are applied to; empty for hand-written experiments.</summary>
    string Declaration => string.Empty;

    /// <summary>Builds a freshly initialised model for a tokenizer of the given size.</summary>
    LanguageModel BuildModel(int vocabularySize);

    /// <summary>The training loss: the sum of the declared terms.</summary>
    CompositeLoss BuildLoss();

    /// <summary>The declared decoders, in declaration order.</summary>
    IReadOnlyList<IDecoder> BuildDecoders();

    /// <summary>The metrics written in C# (<c>[Metric(typeof(T))]</c>), measured after training beside the built-in ones.</summary>
    IReadOnlyList<EvalMetric> BuildMetrics() => [];

    /// <summary>Trains on <see cref="RunContext.Data"/>, reporting to the context.</summary>
    TrainingResult Train(RunContext context) =>
        Trainer.Train(context, BuildModel(context.Data.Tokenizer.VocabularySize), BuildLoss(), Config.Train);

    /// <summary>Measures the trained model on held-out data and decodes the prompts.</summary>
    EvaluationResult Evaluate(RunContext context, TrainingResult training) =>
        Evaluator.Evaluate(context, training, BuildDecoders(), Config.Eval, BuildMetrics());
}
