using DslRunner.Config;
using DslRunner.Models;
using DslRunner.Tokenizers;

namespace DslRunner.Training;

/// <summary>What a metric written in C# sees at the end of a run: the trained model and the held-out test tokens.</summary>
/// <param name="TestTokens">The test split, the tokens the built-in test figures are measured on.</param>
public sealed record EvalMetricInputs(LanguageModel Model, ITokenizer Tokenizer, int[] TestTokens, ExperimentConfig Config);

/// <summary>
/// A figure written in C# and declared with <c>[Metric(typeof(T))]</c>: the generated experiment constructs T (a
/// concrete class with a public parameterless constructor) and the evaluator records <see cref="Measure"/> under
/// <see cref="Name"/> in the test record of <c>metrics.jsonl</c>, beside the built-in figures. It runs once, after
/// training, without gradients and inside a dispose scope.
/// </summary>
public abstract class EvalMetric
{
    /// <summary>
    /// The metrics.jsonl key: lower-case letters, digits and '_', distinct from every other figure of the run. Written as a
    /// string literal, a clash with a built-in measure or another metric of the experiment is a build error (DSL0063).
    /// </summary>
    public abstract string Name { get; }

    public abstract double Measure(EvalMetricInputs inputs);
}
