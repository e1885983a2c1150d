using DslRunner.Config;
using DslRunner.Decoding;
using DslRunner.Runs;

namespace DslRunner.Training;

/// <summary>Held-out metrics on the test split, then every decoder on every prompt.</summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(
        RunContext context, TrainingResult training, IReadOnlyList<IDecoder> decoders, EvalConfig config)
    {
        var model = training.Model;
        var train = context.Config.Train;
        double testLoss = HeldOutLoss.Measure(model, context.Data.Splits.Test, train.Batch, train.EvalBatches);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["loss"] = testLoss };
        if (config.Metrics.Contains("perplexity")) metrics["perplexity"] = Math.Exp(testLoss);
        context.Metrics.Eval(train.Steps, "test", metrics);

        var tokenizer = context.Data.Tokenizer;
        var samples = new List<Sample>();
        foreach (var decoder in decoders)
        {
            foreach (string prompt in config.Prompts)
            {
                int[] generated = decoder.Decode(model, tokenizer.Encode(prompt));
                var sample = new Sample(decoder.Name, prompt, tokenizer.Decode(generated));
                samples.Add(sample);
                context.Progress.Sample(sample);
            }
        }
        return new EvaluationResult(metrics, samples);
    }
}
