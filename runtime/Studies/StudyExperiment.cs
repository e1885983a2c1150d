using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Losses;
using DslRunner.Models;
using DslRunner.Runs;
using DslRunner.Training;

namespace DslRunner.Studies;

/// <summary>
/// A declared experiment as a study runs it: under the study's <see cref="StudyBudget"/>, with extra decoders
/// beside the declared ones, and a hook that sees the trained model before it is released.
/// </summary>
sealed class StudyExperiment(
    IExperiment declared, ExperimentConfig config, IReadOnlyList<IDecoder> extraDecoders, Action<RunContext, TrainingResult>? inspect)
    : IExperiment
{
    public ExperimentConfig Config => config;

    public string GeneratedCodeHash => declared.GeneratedCodeHash;

    public LanguageModel BuildModel(int vocabularySize) => declared.BuildModel(vocabularySize);

    public CompositeLoss BuildLoss() => declared.BuildLoss();

    public IReadOnlyList<IDecoder> BuildDecoders() => [.. declared.BuildDecoders(), .. extraDecoders];

    public IReadOnlyList<EvalMetric> BuildMetrics() => declared.BuildMetrics();

    public EvaluationResult Evaluate(RunContext context, TrainingResult training)
    {
        var evaluation = Evaluator.Evaluate(context, training, BuildDecoders(), config.Eval, BuildMetrics());
        inspect?.Invoke(context, training);
        return evaluation;
    }
}
