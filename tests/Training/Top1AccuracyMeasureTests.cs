using DslRunner.Config;
using DslRunner.Native;
using DslRunner.Tests.Decoding;
using DslRunner.Tests.Generator;
using DslRunner.Tests.Infrastructure;
using DslRunner.Training;

namespace DslRunner.Tests.Training;

public sealed class Top1AccuracyMeasureTests
{
    static readonly TrainConfig Train = TestExperiment.Tiny().Train with { Batch = 2, EvalBatches = 2 };
    static readonly int[] HeldOut = [.. Enumerable.Range(0, 80).Select(i => i % 11)]; // every token followed by the next one

    static double Top1Accuracy(LanguageModelTable successors) =>
        EvalProbes.Measure(successors.Model, new EvalConfig(["top1_accuracy"], []), Train, HeldOut, pruner: null)["top1_accuracy"];

    [Fact]
    public void Top1_accuracy_is_the_share_of_next_tokens_the_model_ranks_first()
    {
        TorchRuntime.EnsureLoaded();
        using var right = new LanguageModelTable(t => (t + 1) % 11);
        using var wrong = new LanguageModelTable(t => (t + 2) % 11);
        using var rightOnEven = new LanguageModelTable(t => t % 2 == 0 ? (t + 1) % 11 : (t + 2) % 11);

        Assert.Equal(1.0, Top1Accuracy(right));
        Assert.Equal(0.0, Top1Accuracy(wrong));
        // 80 held-out tokens give one window of the model's context: its positions whose token is even are predicted.
        var positions = HeldOut.Take(rightOnEven.Model.Context).ToList();
        double expected = (double)positions.Count(t => t % 2 == 0) / positions.Count;
        Assert.Equal(expected, Top1Accuracy(rightOnEven), 12);
    }

    [Fact]
    public void Top1_accuracy_is_listed_in_eval_metrics_beside_a_csharp_metric_and_named_in_a_study_check()
    {
        var result = GeneratorHarness.Run(
            [("/project/top1.experiment.yaml", """
                experiment: top1
                data: { corpus: synthetic, tokens: 20000, seed: 5 }
                tokenizer: { kind: char }
                model: { kind: transformer, layers: 1, d_model: 16, heads: 2, context: 16 }
                train: { batch: 4, steps: 4 }
                eval: { metrics: [top1_accuracy] }
                """),
             ("/project/top1.study.yaml", """
                study: top1
                arms:
                  plain: { experiment: top1 }
                measures: [top1_accuracy]
                claims:
                  better-than-chance:
                    check: top1_accuracy[plain] > 0.1
                """)],
            ["""
                using DslRunner.Declarations;
                using DslRunner.Training;

                namespace Lab;

                public sealed class Zero : EvalMetric { public override string Name => "zero"; public override double Measure(EvalMetricInputs inputs) => 0; }

                [Experiment("top1-cs")]
                [Data(Tokens = 20000)]
                [Transformer(Layers = 1, DModel = 16, Heads = 2, Context = 16)]
                [Train(Batch = 4, Steps = 4)]
                [Eval(Metrics = new[] { "top1_accuracy" })]
                [Metric(typeof(Zero))]
                public partial class Top1 { }
                """]);

        Assert.Empty(result.Diagnostics);
    }

    /// <summary>A model whose every token is followed, with certainty, by the one <c>successor</c> names.</summary>
    sealed class LanguageModelTable(Func<int, int> successor) : IDisposable
    {
        public TableLanguageModel Model { get; } =
            TableLanguageModel.FromRows(11, [.. Enumerable.Range(0, 11).Select(t => (t, new[] { (successor(t), 1.0) }))]);

        public void Dispose() => Model.Dispose();
    }
}
